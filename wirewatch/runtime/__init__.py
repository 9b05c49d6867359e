"""Running the stages: the story stage over the store, the monitoring service."""
