"""Whether a subscription was already alerted about a story, read by index.

Every matched article asks it once per matched subscription (`story_alerted`), inside the story
transaction that holds the write lock. The only index led with the subscription and then its
time, so the question read every match the subscription ever had: for a broad subscription
("lang:en") every stored article's, a cost growing with the store's age.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_alert_matches_subscription_story", "alert_matches", ["subscription_id", "story_id"])


def downgrade() -> None:
    op.drop_index("ix_alert_matches_subscription_story", table_name="alert_matches")
