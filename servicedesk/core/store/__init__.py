"""The local database: models, connection setup and schema versions."""

from servicedesk.core.store.db import database, open_database, close_database, transaction
from servicedesk.core.store.schema import SCHEMA_VERSION

__all__ = ["database", "open_database", "close_database", "transaction", "SCHEMA_VERSION"]
