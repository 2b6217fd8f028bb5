"""The record: the only package that opens DuckDB — connect, build, lock, write, snapshots, migrate, history."""
