"""URLs the server hands out (``error_file_url``), parsed once, or refused as an unreadable answer.

A URL from the server is data like any other field: ``http://[::1``, a NUL byte, a bad IDNA label or
an over-long host label must end in :class:`InvalidResponseError`, not in the ``ValueError``,
``httpx.InvalidURL``, ``UnicodeError`` or ``idna.IDNAError`` that the parsers raise.
"""

from __future__ import annotations

from urllib.parse import urljoin

import httpx

from exotel_contacts.base.exceptions import InvalidResponseError
from exotel_contacts.base.sanitize import clean

__all__ = ["server_url"]

_MAX_URL = 8192
_MAX_LABEL = 63
_MAX_HOST = 253


def _refuse(what: str, url: str, why: str) -> InvalidResponseError:
    # Without the query: a pre-signed URL's signature is a credential for the file.
    shown = url.split("?", 1)[0]
    shown = shown if len(shown) <= 200 else shown[:197] + "..."
    return InvalidResponseError(f"Exotel's {what} {clean(shown)!r} is not a usable URL ({why})")


def server_url(value: str, *, base: str, what: str) -> httpx.URL:
    """``value`` (absolute, or relative to ``base``) as an http(s) URL that httpx can send to."""
    if len(value) > _MAX_URL:
        raise _refuse(what, value, f"longer than {_MAX_URL} characters")
    # U+FFFD is where the answer's decoding replaced a control character (see _sanitize).
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch == "\ufffd" for ch in value):
        raise _refuse(what, value, "it contains control characters")
    try:
        url = httpx.URL(urljoin(base.rstrip("/") + "/", value))
        host = url.host
        # Encoding the host is where IDNA errors surface; do it now, not when connecting.
        raw_host = url.raw_host
    except (ValueError, UnicodeError, httpx.InvalidURL) as exc:
        raise _refuse(what, value, f"{type(exc).__name__}: {exc}") from None
    if url.scheme not in {"http", "https"}:
        raise _refuse(what, value, f"scheme {url.scheme!r} is not http or https")
    if not host:
        raise _refuse(what, value, "it has no host")
    labels = raw_host.rstrip(b".").split(b".")
    ipv6 = b":" in raw_host  # an IPv6 literal has no labels
    if not ipv6 and (len(raw_host) > _MAX_HOST or any(not 0 < len(label) <= _MAX_LABEL for label in labels)):
        raise _refuse(what, value, "its host name is not valid")
    return url
