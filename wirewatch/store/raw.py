"""Compression of the raw input kept with each article (so it can be analysed again later)."""

from __future__ import annotations

import zlib

from ..errors import StoreError

LEVEL = 6  # zlib's default: most of the gain at a fraction of level 9's time


def compress_raw(data: bytes) -> bytes:
    return zlib.compress(data, LEVEL)


def decompress_raw(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error as exc:
        raise StoreError(f"stored raw input is corrupt: {exc}") from None
