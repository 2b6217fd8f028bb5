"""Kirim (issue 22): briefings that reach their readers. Subscriptions (rules), triggers, content per recipient,
channels and the outbox run by `python -m lib.kirim run` outside the app's processes."""
