"""Words and numbers as users read them: UI strings (id, en), number/date/period formatting, plain text."""
