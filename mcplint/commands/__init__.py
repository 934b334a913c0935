"""Subcommands beyond ``scan`` and ``rules``: one module each, with ``register(app)``."""
