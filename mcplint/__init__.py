"""mcplint: a secret-leak linter for Model Context Protocol configuration."""

__version__ = "0.1.0"
