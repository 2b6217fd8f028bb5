"""Sign-in accounts: the users file, password hashes, sign-in throttling; `python -m lib.users`."""
