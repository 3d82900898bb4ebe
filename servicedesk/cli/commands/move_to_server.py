"""``servicedesk move-to-server URL``: copy this PC's office into an empty PostgreSQL database."""

from __future__ import annotations

NAME = "move-to-server"
HELP = ("copy the office (the SQLite database) into an empty PostgreSQL database in one transaction, "
        "verify every table's rows and checksum, and leave the file as it is")


def add_arguments(parser) -> None:
    parser.add_argument("url", metavar="URL", help="the office server's database: postgresql://user@host:port/dbname")


def run(args) -> int:
    from servicedesk import paths
    from servicedesk.core.store import transfer
    from servicedesk.core.store.dialect import is_server

    source = paths.database_path(getattr(args, "database", None))
    if is_server(source):
        print("servicedesk: --database names a server already; move-to-server copies a SQLite file.")
        return 2
    if not is_server(args.url):
        print("servicedesk: the target must be a PostgreSQL URL, such as postgresql://office@server:5432/servicedesk.")
        return 2
    print(f"Copying {source} to {paths.shown(args.url)} …")
    reports = transfer.move(source, args.url)
    width = max(len(r.table) for r in reports)
    print(f"{'table':<{width}}  {'rows':>9}  sha256 (the same in the file and on the server)")
    for r in reports:
        print(f"{r.table:<{width}}  {r.rows:>9,}  {r.checksum}")
    total = sum(r.rows for r in reports)
    print(f"Moved {total:,} rows in {len(reports)} tables; every table's rows and checksum match. "
          f"{source} was not changed.")
    nuls = sum(r.nuls for r in reports)
    if nuls:
        print(f"{nuls:,} value(s) in the file held NUL characters, which the server cannot store and ServiceDesk "
              f"never keeps; they were left out of the copy ({', '.join(r.table for r in reports if r.nuls)}).")
    print(f"Point each PC at the server: servicedesk --database {paths.shown(args.url)}")
    return 0
