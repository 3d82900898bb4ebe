"""The performance harness: each operation of the app timed against its floor in the same run.

Run from the repository root:  python -m tests.benchmarks [--quick]
"""
