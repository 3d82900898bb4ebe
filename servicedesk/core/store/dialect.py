"""The SQL that only one engine understands, in one place: SQLite (one PC) or PostgreSQL (an office server).

Services write their SQL once, with ``?`` placeholders and what both engines read alike; where
the engines differ (the search index, upserts, date arithmetic, case-insensitive matching,
string aggregation, PRAGMA-only settings) they ask :func:`current` for the fragment.

Schema steps are written as peewee generates DDL for SQLite; :func:`step_sql` translates them
for PostgreSQL (types, booleans, ``COLLATE NOCASE`` indexes, ``INSERT OR IGNORE``). A step that
uses something with no mechanical translation (an FTS5 table, SQLite triggers) has its
PostgreSQL text in ``servicedesk.core.store.pg_steps``; a step that has neither fails loudly.
"""

from __future__ import annotations

import re
from functools import lru_cache

from servicedesk.core.store.folding import fold

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server(location) -> bool:
    """Whether ``location`` names a PostgreSQL server (a URL) rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(SERVER_SCHEMES)


class SqliteDialect:
    name = "sqlite"
    like = "LIKE"  # ASCII case-insensitive already
    is_not = "IS NOT"  # null-safe "differs from"
    ordered_join = "CROSS JOIN"  # an inner join that SQLite's planner keeps in the written order
    collects_matches = False  # a search's screenful asked for with ``among`` and ``sorted_after``

    def group_concat(self, expr: str) -> str:
        return f"GROUP_CONCAT({expr})"

    def lookup_join(self, table: str, alias: str, columns: tuple[str, ...], key: str) -> str:
        """An inner join of ``table`` as ``alias`` on ``{alias}.id = {key}``, of which ``columns`` are used, made as
        one lookup through the table's primary key for each row. SQLite joins so; a server's planner may read the
        whole table instead (a hundred thousand customers to join a week's two thousand visits)."""
        return f"JOIN {table} {alias} ON {alias}.id = {key}"

    def json_rows(self, columns: str, source: str, order: str) -> str:
        """A scalar subquery: the rows of ``SELECT {columns} {source} ORDER BY {order}`` as one JSON text, a list
        of lists (``[]`` when there are none), so that a record and its lists come back in one statement.

        ``source`` is the FROM clause onward and may refer to the enclosing query's tables. Values come
        back as JSON has them: times as ISO text, booleans as 1/0 here and true/false on a server."""
        return (f"(SELECT COALESCE('[' || GROUP_CONCAT(j) || ']', '[]') FROM (SELECT json_array({columns}) AS j"
                f" {source} ORDER BY {order}))")

    def ordered_ids(self, db, query: str, params) -> list[int]:
        """The ids ``query`` selects (one column), in its order. Here they come back as one JSON text, which
        reads the whole customer list's 100,000 ids in half the time one row each takes."""
        import json

        found = db.execute_sql(f"SELECT json_group_array(id) FROM ({query})", params).fetchone()[0]
        return json.loads(found) if found else []

    def letter_order(self, expr: str) -> str:
        """``expr`` (text) to order by letter by letter, as SQLite orders text: where a list is long and its order
        only breaks ties (visits at the same time), the server's language-aware comparison costs milliseconds."""
        return expr

    def one_of(self, expr: str, values: list) -> tuple[str, list]:
        """``expr`` is one of ``values`` (whole numbers such as ids, a few thousand at most): SQL and its
        parameters."""
        return f"{expr} IN ({','.join('?' * len(values))})", list(values)

    def days_before(self, moment: str, days: str) -> str:
        """The datetime ``days`` (an SQL integer expression) before ``moment`` (an SQL datetime expression)."""
        return f"datetime({moment}, '-' || ({days}) || ' days')"

    def date_days_before(self, day: str, days: str) -> str:
        return f"date({day}, '-' || ({days}) || ' days')"

    def date_of(self, moment: str) -> str:
        return f"date({moment})"

    def name_prefix(self, start: str, walk: bool = False) -> tuple[str, list]:
        """Customers (``c``) whose sort name or name starts with ``start`` (folded), from the name indexes.

        ``walk``: the same test written so that it is made on each row while the list's order is
        walked, for a prefix so common that the first screenful comes sooner that way.
        """
        p = self.no_index("") if walk else ""
        return (f"(({p}c.sort_name >= ? AND {p}c.sort_name < ?)"
                f" OR ({p}c.name >= ? COLLATE NOCASE AND {p}c.name < ? COLLATE NOCASE))",
                [start, start + "\U0010ffff", start, start + "\U0010ffff"])

    def no_index(self, expr: str) -> str:
        """``expr`` written so that the planner does not reach for its index (SQLite's unary plus)."""
        return f"+{expr}"

    def among(self, key: str, found: str) -> str:
        """``key`` is one of the ids ``found`` (a subquery) selects."""
        return f"{key} IN ({found})"

    def sorted_after(self, expr: str) -> str:
        """``expr`` (text) to order a filtered list by, written so that the matches are collected first and
        then sorted, rather than found by walking ``expr``'s index in order and testing every row on the way."""
        return expr

    def insert_ignore(self, into: str, values: str, conflict: str) -> str:
        """``INSERT INTO {into} {values}`` leaving out rows that clash with the unique key ``conflict`` (columns)."""
        return f"INSERT OR IGNORE INTO {into} {values}"

    def native(self, sql: str) -> str:
        """``sql`` with ``?`` placeholders as the driver's own cursor takes it."""
        return sql

    def execute_hot(self, db, sql: str, params=()):
        """Run ``sql`` for a screen opened all day long (a profile): on a server its plan is kept from the first run."""
        return db.execute_sql(sql, params)

    def read_together(self, db, statements) -> list:
        """The cursors of read-only ``statements`` (``(sql, params, hot)`` each, ``hot`` as for :meth:`execute_hot`),
        run in order: on a server they are sent at once and answered at once, one wait for the whole screen."""
        return [self.execute_hot(db, sql, params) if hot else db.execute_sql(sql, params)
                for sql, params, hot in statements]

    def insert_id(self, cursor, sql: str, params) -> int:
        """Run one ``INSERT`` on a driver cursor and return the new row's id."""
        cursor.execute(sql, params)
        return cursor.lastrowid

    def insert_ids(self, cursor, sql: str, rows: list) -> list[int]:
        """Run one ``INSERT`` (one row's ``?`` placeholders) for each of ``rows``; the new rows' ids, in order."""
        return [self.insert_id(cursor, sql, params) for params in rows]

    def reset_ids(self, db, table: str) -> None:
        """After rows were inserted with ids of their own: the next generated id follows the highest."""

    def serialize(self, db, *key) -> None:
        """Inside a transaction: wait until no other PC's transaction holds ``key``, then hold it to the end.

        A rule that checks "not done yet" and then does it runs once across PCs. SQLite's
        transactions take the write lock at their start, so there is nothing more to do.
        """

    def first_by_initial(self, start: str, direction: str, limit: int) -> tuple[str, list] | None:
        """The first ``limit`` ids, in the list's order, of the customers whose sort name or name starts with
        ``start`` (folded), read from indexes that keep each first letter in the list's order; None where there
        are none for ``start`` (then the name indexes serve, as in :meth:`name_prefix`)."""
        return None

    def in_names(self, word: str) -> tuple[str, list]:
        """A customer's (``c``) name or company holds ``word`` (a short word: one or two letters), accents
        folded away on both sides."""
        pattern = _like_pattern(fold(word))
        folded, folded_params = self._folded_holds(("c.name", "c.company"), "names", pattern)
        return (f"(c.name {self.like} ? ESCAPE '\\' OR c.company {self.like} ? ESCAPE '\\' OR {folded})",
                [pattern, pattern, *folded_params])

    def beyond_ascii(self, column: str) -> str:
        """``column`` (text) holds a letter beyond ASCII, as an accented one is (most text holds none)."""
        return f"length(CAST({column} AS BLOB)) > length({column})"

    def indexed(self, column: str) -> str:
        """The customer's (``c``) ``column`` of the search index: their text there with its accents folded away."""
        return f"(SELECT {column} FROM customer_search WHERE rowid = c.id)"

    def _folded_holds(self, columns: tuple[str, ...], indexed: str, pattern: str) -> tuple[str, list]:
        """Where a customer's ``columns`` hold a letter beyond ASCII, whether their folded copy in the search
        index (its column ``indexed``) matches ``pattern`` (folded): the index is read for those customers only,
        and the others' own text (where a folded pattern matches as it does in the index) is tested as it is."""
        beyond = " OR ".join(self.beyond_ascii(column) for column in columns)
        return f"(({beyond}) AND {self.indexed(indexed)} {self.like} ? ESCAPE '\\')", [pattern]

    def first_matches(self, words: list[str], short: list[str], direction: str, limit: int) -> tuple[str, list]:
        """The first ``limit`` ids, in the list's order, of the customers whose indexed text holds every word and
        whose name or company holds every short word."""
        found, params = self.search_condition(None, words, short)
        where = [f"c.id IN ({found})"]
        for word in short:
            in_names, in_names_params = self.in_names(word)
            where.append(in_names)
            params += in_names_params
        return (f"SELECT c.id FROM customer c WHERE {' AND '.join(where)}"
                f" ORDER BY c.sort_name {direction}, c.id {direction} LIMIT {int(limit)}", params)

    def indexes_short(self, short: list[str]) -> bool:
        """Whether :meth:`search_condition` narrows its matches by ``short`` (words under three letters, which
        are looked for in names and companies) from an index of its own."""
        return False

    def search_condition(self, phone: str | None, words: list[str], short: list[str] = ()) -> tuple[str, list]:
        """Customer ids whose indexed text holds every word (or the digits of ``phone``).

        Where :meth:`indexes_short`, also only those whose names or companies may hold the ``short`` words
        (a superset: the caller tests the short words on each customer's row)."""
        if phone:
            match = f'phones : "{phone}" OR body : "{phone}"'
        else:
            match = " AND ".join('body : "' + fold(w).replace('"', '""') + '"' for w in words)
        return "SELECT rowid FROM customer_search WHERE customer_search MATCH ?", [match]

    def search_scan(self, phone: str | None, words: list[str]) -> tuple[str, list]:
        """The same test as ``search_condition``, made on a customer's (``c``) own row.

        For a search most of the office matches: walking the list's order and testing each row
        finds the first screenful sooner than collecting every match first. A row holding accented letters
        is tested by its folded text in the search index, as the index is.
        """
        columns = tuple(f"c.{col}" for col in ("name", "company", "email", "street", "city", "postcode", "notes"))
        body = " || ' ' || ".join(columns)
        if phone:
            phones = f"{_digits('c.phone')} || ' ' || {_digits('c.phone_e164')}"
            pattern = _like_pattern(phone)
            return f"({phones} LIKE ? ESCAPE '\\' OR {body} {self.like} ? ESCAPE '\\')", [pattern, pattern]
        where, params = [], []
        for word in words:
            pattern = _like_pattern(fold(word))
            folded, folded_params = self._folded_holds(columns, "body", pattern)
            where.append(f"({body} {self.like} ? ESCAPE '\\' OR {folded})")
            params += [pattern, *folded_params]
        return " AND ".join(where), params


def _digits(column: str) -> str:
    for ch in (" ", "-", "(", ")", "+", ".", "/"):
        column = f"replace({column}, '{ch}', '')"
    return column


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PostgresDialect(SqliteDialect):
    name = "postgresql"
    like = "ILIKE"
    is_not = "IS DISTINCT FROM"
    ordered_join = "JOIN"
    collects_matches = True

    def group_concat(self, expr: str) -> str:
        return f"STRING_AGG({expr}, ',')"

    def ordered_ids(self, db, query: str, params) -> list[int]:
        return [record_id for (record_id,) in db.execute_sql(query, params)]  # no list of rows first

    def letter_order(self, expr: str) -> str:
        return f'{expr} COLLATE "C"'

    def one_of(self, expr: str, values: list) -> tuple[str, list]:
        # one parameter, an array written out: the statement's text is the same however many values there are,
        # so the driver need not take it apart again, nor look at each value (either costs milliseconds)
        return f"{expr} = ANY(CAST(? AS BIGINT[]))", ["{" + ",".join(str(int(v)) for v in values) + "}"]

    def lookup_join(self, table: str, alias: str, columns: tuple[str, ...], key: str) -> str:
        # a lookup written out for each row; LIMIT 1 keeps the server from folding it back into a join
        wanted = ", ".join(f"{alias}.{column}" for column in columns)
        return f"CROSS JOIN LATERAL (SELECT {wanted} FROM {table} {alias} WHERE {alias}.id = {key} LIMIT 1) {alias}"

    def json_rows(self, columns: str, source: str, order: str) -> str:
        return (f"(SELECT CAST(COALESCE(json_agg(json_build_array({columns}) ORDER BY {order}), '[]') AS TEXT)"
                f" {source})")

    def days_before(self, moment: str, days: str) -> str:
        return f"(CAST({moment} AS TIMESTAMP) - make_interval(days => CAST({days} AS INTEGER)))"

    def date_days_before(self, day: str, days: str) -> str:
        return f"(CAST({day} AS DATE) - CAST({days} AS INTEGER))"

    def date_of(self, moment: str) -> str:
        return f"CAST({moment} AS DATE)"

    def name_prefix(self, start: str, walk: bool = False) -> tuple[str, list]:
        pattern = _like_pattern(start)[1:]  # text_pattern_ops indexes serve LIKE 'ab%'
        return "(c.sort_name LIKE ? OR lower(c.name) LIKE ?)", [pattern, pattern]

    def no_index(self, expr: str) -> str:
        return expr

    def beyond_ascii(self, column: str) -> str:
        return f"octet_length({column}) > length({column})"

    def indexed(self, column: str) -> str:
        return f"(SELECT s.{column} FROM customer_search s WHERE s.id = c.id)"

    def among(self, key: str, found: str) -> str:
        # The ids collected once, then each row looked up through the primary key: the planner would otherwise
        # read all the customers to join a search's few hundred matches (20 ms)
        return f"{key} = ANY(ARRAY({found}))"

    def sorted_after(self, expr: str) -> str:
        # The server's planner takes a search's matches to be spread evenly along the name index and walks it
        # looking for the first screenful; the matches of a surname ("smith", "garc") sit together near its end,
        # so it tests most of the office (200 ms). The same text with '' appended has the same order and no index.
        return f"({expr} || '')"

    def insert_ignore(self, into: str, values: str, conflict: str) -> str:
        return f"INSERT INTO {into} {values} ON CONFLICT ({conflict}) DO NOTHING"

    def native(self, sql: str) -> str:
        return pg_placeholders(sql)

    def execute_hot(self, db, sql: str, params=()):
        return db.execute_sql(sql, params, prepare=True)

    def read_together(self, db, statements) -> list:
        return db.execute_together(statements)

    def insert_id(self, cursor, sql: str, params) -> int:
        cursor.execute(pg_placeholders(sql + " RETURNING id"), params)
        return cursor.fetchone()[0]

    def insert_ids(self, cursor, sql: str, rows: list) -> list[int]:
        # sent together (psycopg pipelines executemany): one wait for the server, not one a row
        cursor.executemany(pg_placeholders(sql + " RETURNING id"), rows, returning=True)
        ids = []
        while True:
            ids.append(cursor.fetchone()[0])
            if not cursor.nextset():
                return ids

    def serialize(self, db, *key) -> None:
        db.execute_sql("SELECT pg_advisory_xact_lock(hashtext(?))", (":".join(map(str, key)),))

    def reset_ids(self, db, table: str) -> None:
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE(MAX(id), 0) + 1, false)"
                       f' FROM "{table}"')

    def first_by_initial(self, start: str, direction: str, limit: int) -> tuple[str, list] | None:
        # Surnames and given names starting with the letter, each from its index already in the list's order
        # (step 19): the first screenful of either is a few rows, where collecting every match took 10 ms.
        if len(start) != 1:
            return None
        order = f"sort_name {direction}, id {direction} LIMIT {int(limit)}"
        part = "SELECT id, sort_name FROM customer WHERE substr({}, 1, 1) = ? ORDER BY " + order
        return (f"SELECT id FROM (({part.format('sort_name')}) UNION ({part.format('lower(name)')})) AS first"
                f" ORDER BY {order}", [start, start])

    def first_matches(self, words: list[str], short: list[str], direction: str, limit: int) -> tuple[str, list]:
        # The search index keeps the sort names and the names (step 19): the matches are collected, tested and
        # sorted there, without reading each matching customer's row as well (2,500 matches: 7 ms, now half).
        # No index on the sort names there: the planner cannot walk the list's order looking for the matches.
        found, params = self.search_condition(None, words, short)
        # A short word has no blank in it, so it is in "name company" where it is in the name or the company.
        tests = "".join(" AND names ILIKE ? ESCAPE '\\'" for _ in short)
        return (f"{found}{tests} ORDER BY sort_name {direction}, id {direction} LIMIT {int(limit)}",
                params + [_like_pattern(fold(word)) for word in short])

    def indexes_short(self, short: list[str]) -> bool:
        return any(len(word) == 2 for word in short)

    def search_condition(self, phone: str | None, words: list[str], short: list[str] = ()) -> tuple[str, list]:
        # pg_trgm's GIN indexes serve ILIKE '%…%' (step 2's PostgreSQL text)
        if phone:
            pattern = _like_pattern(phone)
            return ("SELECT id FROM customer_search WHERE phones LIKE ? OR body ILIKE ?", [pattern, pattern])
        where, params = ["body ILIKE ?" for _ in words], [_like_pattern(fold(w)) for w in words]
        pairs = [fold(word) for word in short if len(word) == 2]
        if pairs:
            # A name or company holding a two-letter word holds its pair of letters (step 19); a trigram index
            # has none to look up for it
            where.append("pairs @> " + " || ".join("letter_pairs(lower(?))" for _ in pairs))
            params += pairs
        return f"SELECT id FROM customer_search WHERE {' AND '.join(where)}", params


SQLITE = SqliteDialect()
POSTGRES = PostgresDialect()


def of(db) -> SqliteDialect:
    return POSTGRES if getattr(db, "dialect_name", "sqlite") == "postgresql" else SQLITE


_database = None  # the store's database proxy, imported when first asked for (the store imports this module)


def current() -> SqliteDialect:
    """The dialect of the database the models are bound to."""
    global _database
    if _database is None:
        from servicedesk.core.store.db import database as _database
    return of(_database.obj)


# ------------------------------------------------------------------ placeholders

_TOKENS = re.compile(r"""('(?:[^']|'')*')|("(?:[^"]|"")*")|(\$\$.*?\$\$)|(--[^\n]*)|(%s)|(\?)|(%)"""
                     r"""|(?<!:):([A-Za-z_]\w*)""", re.S)


@lru_cache(maxsize=4096)
def pg_placeholders(sql: str) -> str:
    """``?`` placeholders become psycopg's ``%s``, ``:name`` becomes ``%(name)s``, a literal ``%`` becomes ``%%``.

    SQL already written for psycopg (it has a ``%s`` outside quotes, as peewee's own does) is
    left as it is.
    """
    if any(m.group(5) for m in _TOKENS.finditer(sql)):
        return sql

    def sub(m):
        if m.group(6):
            return "%s"
        if m.group(7):
            return "%%"
        if m.group(8):
            return f"%({m.group(8)})s"
        return m.group(0).replace("%", "%%")
    return _TOKENS.sub(sub, sql)


# ------------------------------------------------------------------ schema steps for PostgreSQL

def _boolean_columns() -> set[tuple[str, str]]:
    from peewee import BooleanField

    from servicedesk.core.store.models import ALL_MODELS

    return {(m._meta.table_name, f.column_name) for m in ALL_MODELS for f in m._meta.sorted_fields
            if isinstance(f, BooleanField)}


_UNTRANSLATABLE = re.compile(r"\b(CREATE\s+VIRTUAL\s+TABLE|CREATE\s+TRIGGER|WITHOUT\s+ROWID|INSERT\s+OR\s+REPLACE)\b",
                             re.I)


def translate_statement(statement: str, booleans: set[tuple[str, str]]) -> str:
    """One SQLite DDL/DML statement as peewee writes it, in PostgreSQL's words ('' when it has no meaning there)."""
    s = statement.strip()
    if not s:
        return ""
    if re.match(r"PRAGMA\b", s, re.I):
        return ""  # connection settings: PostgreSQL has its own
    if _UNTRANSLATABLE.search(s):
        raise ValueError("This schema step uses SQLite-only SQL with no mechanical translation; give its "
                         f"PostgreSQL text in servicedesk/core/store/pg_steps.py: {s[:120]}")
    s = re.sub(r"\bINTEGER\s+NOT\s+NULL\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?", "SERIAL NOT NULL PRIMARY KEY", s, flags=re.I)
    s = re.sub(r"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?", "SERIAL PRIMARY KEY", s, flags=re.I)
    s = re.sub(r"\bDATETIME\b", "TIMESTAMP", s, flags=re.I)
    s = re.sub(r"\bBLOB\b", "BYTEA", s, flags=re.I)
    s = re.sub(r"\(\s*(\"\w+\")\s+COLLATE\s+NOCASE\s*\)", r"(lower(\1))", s, flags=re.I)
    s = re.sub(r"\s+COLLATE\s+NOCASE\b", "", s, flags=re.I)
    if re.match(r"INSERT\s+OR\s+IGNORE\b", s, re.I):
        s = re.sub(r"^INSERT\s+OR\s+IGNORE\b", "INSERT", s, flags=re.I).rstrip(";") + " ON CONFLICT DO NOTHING"
    table = re.match(r"(?:CREATE\s+TABLE(?:\s+IF\s+NOT\s+EXISTS)?|ALTER\s+TABLE)\s+\"?(\w+)\"?", s, re.I)
    if table:
        name = table.group(1)

        def column(m):
            col = m.group(1)
            if (name, col) not in booleans:
                return m.group(0)
            rest = re.sub(r"DEFAULT\s+1\b", "DEFAULT TRUE", m.group(2), flags=re.I)
            rest = re.sub(r"DEFAULT\s+0\b", "DEFAULT FALSE", rest, flags=re.I)
            return f'"{col}" BOOLEAN{rest}'
        s = re.sub(r"\"(\w+)\"\s+INTEGER((?:\s+NOT\s+NULL)?(?:\s+DEFAULT\s+[01])?)", column, s, flags=re.I)
    return s


def step_sql(step, sqlite_statements: list[str]) -> list[str]:
    """The statements of ``step`` for PostgreSQL."""
    from servicedesk.core.store import pg_steps

    own = pg_steps.SQL.get(step.__name__.rsplit(".", 1)[-1])
    if own is not None:
        return [own]
    booleans = _boolean_columns()
    return [t for t in (translate_statement(s, booleans) for s in sqlite_statements) if t]
