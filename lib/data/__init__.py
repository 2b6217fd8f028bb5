"""Read questions: one function per answer; read SQL lives here (and in lib.db) only."""
