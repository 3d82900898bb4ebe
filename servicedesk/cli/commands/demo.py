"""``servicedesk demo``: fill a database with a believable office."""

from __future__ import annotations

NAME = "demo"
HELP = "create a demo office (pool builder, pest control, cleaning and restoration)"


def add_arguments(parser) -> None:
    parser.add_argument("--trade", choices=("pool", "pest", "cleaning", "all"), default="all",
                        help="which kind of office to create (default: all three trades in one office)")
    parser.add_argument("--customers", type=int, default=None, metavar="N",
                        help="how many customers in all (default: a story office of 60; more builds a large "
                             "office with five years of history around the same stories)")
    parser.add_argument("--seed", type=int, default=7, help="random seed; the same seed gives the same office")
    parser.add_argument("--force", action="store_true", help="add to a database that already has customers")


def run(args) -> int:
    from servicedesk import paths
    from servicedesk.cli.common import open_from_args
    from servicedesk.core import demo
    from servicedesk.core.services import customers

    if args.customers is not None and args.customers < 1:
        print("--customers must be at least 1 (the three trades' stories need a few customers of their own).")
        return 2
    path = open_from_args(args, create=True)
    if customers.count() and not args.force:
        print(f"{paths.shown(path)} already has customers; use --force to add a demo office anyway.")
        return 1
    summary = demo.build(trade=args.trade, customers=args.customers, seed=args.seed)
    print(f"Demo office written to {paths.shown(path)}: {summary}")
    return 0
