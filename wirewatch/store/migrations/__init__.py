"""Alembic migrations, shipped inside the package and run by wirewatch.store.migrate (no alembic.ini)."""
