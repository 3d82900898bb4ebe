"""Step 9: on an office server, every committed change tells the other PCs which table changed.

A PostgreSQL trigger sends ``NOTIFY servicedesk`` with the table and the sending program's name
once per statement; the window of each other PC listens and refreshes what it shows. A SQLite
file has one window at a time, so the step has nothing to do there (see pg_steps.py).
"""

SQL = ""
