"""Step 19: on an office server, what type-ahead needs beyond the trigram index.

The server's search index keeps each customer's sort name, so that the first screenful of a
search's matches is collected and sorted there, and the pairs of letters of each name and
company: a word of two letters typed beside longer ones ("oak st") is looked for in names and
companies, and a trigram index has nothing to look up for it. One typed letter finds the names
that start with it from indexes of the first letters, already in the list's order.

SQLite needs nothing here (its full-text and name indexes serve these searches); the step's
PostgreSQL text is in ``servicedesk.core.store.pg_steps``.
"""

SQL = ""
