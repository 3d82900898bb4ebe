"""The whole business of ServiceDesk, without Qt: store, services and documents."""

from servicedesk.core.store import driver as _driver  # noqa: E402,F401  (peewee first, without psycopg)
