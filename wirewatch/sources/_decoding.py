"""Content-Encoding decoders that never produce more than a byte budget.

httpx's own decoders decompress a whole network chunk at once, so one 64 KiB chunk of a
deflate bomb becomes ~64 MiB in memory before anyone can count it. These decoders take an
output limit and stop as soon as it is passed, whatever the compression ratio.
"""

from __future__ import annotations

import zlib
from typing import Protocol

try:  # optional: Brotli >= 1.2 has the output limit we need; older ones cannot be bounded
    import brotli as _brotli

    _BROTLI_BOUNDED = hasattr(_brotli.Decompressor(), "can_accept_more_data")
except ImportError:  # pragma: no cover - depends on the environment
    _brotli = None
    _BROTLI_BOUNDED = False


class OverLimit(Exception):
    """More decoded bytes than allowed; the caller turns it into a FetchError with the URL."""


class DecodeFailed(Exception):
    """The body does not decode with the encoding the server declared."""


class Decoder(Protocol):
    def decode(self, data: bytes, limit: int) -> bytes:
        """Decode the next chunk; raise OverLimit once more than `limit` bytes would come out."""
        ...

    def flush(self, limit: int) -> bytes: ...


def supported_encodings() -> tuple[str, ...]:
    """The encodings to advertise in Accept-Encoding."""
    return ("gzip", "deflate", "br") if _BROTLI_BOUNDED else ("gzip", "deflate")


def decoder_for(content_encoding: str | None) -> Decoder:
    """A decoder for a Content-Encoding header ("gzip", "gzip, br", None...).

    Raises DecodeFailed for an encoding we did not advertise and cannot bound.
    """
    names = [n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]
    names = [n for n in names if n != "identity"]
    decoders: list[Decoder] = []
    for name in names:
        if name in ("gzip", "x-gzip"):
            decoders.append(_ZlibDecoder(zlib.MAX_WBITS | 16))
        elif name == "deflate":
            decoders.append(_DeflateDecoder())
        elif name == "br" and _BROTLI_BOUNDED:
            decoders.append(_BrotliDecoder())
        else:
            raise DecodeFailed(f"unsupported content encoding {name!r}")
    if not decoders:
        return _Identity()
    if len(decoders) == 1:
        return decoders[0]
    # Encodings are listed in the order they were applied: undo them last to first.
    return _Chain(list(reversed(decoders)))


class _Identity:
    def decode(self, data: bytes, limit: int) -> bytes:
        if len(data) > limit:
            raise OverLimit
        return data

    def flush(self, limit: int) -> bytes:
        return b""


class _ZlibDecoder:
    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._zlib = zlib.decompressobj(wbits)
        self._members_done = 0  # complete gzip members decoded so far
        self._ignore_rest = False

    def decode(self, data: bytes, limit: int) -> bytes:
        out = bytearray()
        pending = data
        while pending and not self._ignore_rest:
            try:
                # max_length bounds this call's output; the rest of the input waits in the tail.
                out += self._zlib.decompress(pending, limit - len(out) + 1)
            except zlib.error as exc:
                if self._members_done:
                    # Junk after a complete member (padding, proxies appending bytes): browsers
                    # ignore it, so do we.
                    self._ignore_rest = True
                    break
                raise DecodeFailed(f"invalid compressed body: {exc}") from None
            if len(out) > limit:
                raise OverLimit
            if self._zlib.eof:
                # gzip allows several members back to back; anything after starts a new one.
                self._members_done += 1
                pending = self._zlib.unused_data
                self._zlib = zlib.decompressobj(self._wbits)
            else:
                pending = self._zlib.unconsumed_tail
        return bytes(out)

    def flush(self, limit: int) -> bytes:
        if self._ignore_rest:
            return b""
        try:
            out = self._zlib.flush()
        except zlib.error as exc:  # pragma: no cover - flush rarely fails
            raise DecodeFailed(f"invalid compressed body: {exc}") from None
        if len(out) > limit:
            raise OverLimit
        return out


class _DeflateDecoder:
    """HTTP "deflate" is meant to be zlib-wrapped, but many servers send raw deflate."""

    def __init__(self) -> None:
        self._inner: _ZlibDecoder | None = None

    def decode(self, data: bytes, limit: int) -> bytes:
        if self._inner is None:
            if not data:
                return b""
            wrapped = len(data) >= 2 and (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._inner = _ZlibDecoder(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        return self._inner.decode(data, limit)

    def flush(self, limit: int) -> bytes:
        return self._inner.flush(limit) if self._inner else b""


class _BrotliDecoder:
    def __init__(self) -> None:
        assert _brotli is not None
        self._brotli = _brotli.Decompressor()

    def decode(self, data: bytes, limit: int) -> bytes:
        out = bytearray()
        try:
            out += self._brotli.process(data, output_buffer_limit=limit - len(out) + 1)
            # Once the output limit is hit, brotli keeps the rest and wants empty input until
            # it has drained; keep draining (bounded by the same limit) until then.
            while not self._brotli.can_accept_more_data():
                if len(out) > limit:
                    raise OverLimit
                out += self._brotli.process(b"", output_buffer_limit=limit - len(out) + 1)
        except _brotli.error as exc:
            raise DecodeFailed(f"invalid compressed body: {exc}") from None
        if len(out) > limit:
            raise OverLimit
        return bytes(out)

    def flush(self, limit: int) -> bytes:
        return b""


class _Chain:
    def __init__(self, decoders: list[Decoder]) -> None:
        self._decoders = decoders

    def decode(self, data: bytes, limit: int) -> bytes:
        for decoder in self._decoders:
            data = decoder.decode(data, limit)
        return data

    def flush(self, limit: int) -> bytes:
        data = b""
        for decoder in self._decoders:
            data = decoder.decode(data, limit) + decoder.flush(limit)
        return data
