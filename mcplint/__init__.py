"""mcplint: a secret-leak linter for Model Context Protocol configuration."""

__version__ = "0.2.0"
