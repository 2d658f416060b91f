"""The store's Alembic revisions: ``env.py`` and one script per change of the schema in ``versions/``."""
