"""The base error of account operations, shared by lib.users.accounts and lib.users.signin so neither imports the other."""
from __future__ import annotations


class UserError(Exception):
    """A refused account operation; the message is for the user, in Bahasa Indonesia."""
