"""One Alembic script per change of the store's schema, for SQLite and PostgreSQL alike."""
