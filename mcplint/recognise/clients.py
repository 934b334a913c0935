"""Every client and file kind mcplint recognises, as the model's :class:`~mcplint.model.Client`.

The metadata (name, reference template, fields expanded, advice) lives in the client table,
:mod:`mcplint.recognise.client_table`; this module keeps the historical import path.
"""

from __future__ import annotations

from mcplint.recognise.client_table import CLIENTS

__all__ = ["CLIENTS"]
