"""Downloading a file the server points to (the error CSV): streamed to a
:class:`~exotel_contacts.core.download.Spool` within ``max_download_bytes``. It replays itself (the
transport cannot replay a body it does not read) and follows at most five redirects, each ``Location``
parsed like any server URL."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import stamina

from exotel_contacts.base._async._primitives import time_limit
from exotel_contacts.base.exceptions import InvalidInputError, InvalidResponseError

from ..bodies import STREAMED, BoundedDecoder, Bounds, limit_timeouts
from ..download import Spool
from ..response import error_from_response, error_from_transport, server_url
from ..retry import RetryableResponse, RetryPolicy, RetryState
from .transport import aiter_decoded, aread_bounded

__all__ = ["adownload"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 5


async def adownload(
    http: httpx.AsyncClient,
    url: httpx.URL,
    spool: Spool,
    *,
    policy: RetryPolicy,
    bounds: Bounds,
    redact: Callable[[str], str],
) -> None:
    """Fetch ``url`` into ``spool`` (complete, or an ``ExotelError``), replaying what is safe to replay."""
    state = RetryState(policy, http.build_request("GET", url), call_timeout=bounds.call_timeout)
    try:
        async for attempt in stamina.retry_context(
            on=state.decide, attempts=policy.max_attempts, timeout=None
        ):
            with attempt:
                state.begin_attempt()
                spool.restart()
                await _attempt(http, url, spool, state, bounds=bounds, redact=redact)
    except RetryableResponse as exc:
        raise error_from_response(exc.response, redact=redact) from None
    except httpx.HTTPError as exc:
        raise error_from_transport(exc, redact=redact) from exc
    except OSError as exc:  # the disk, not the network: full, gone, read-only
        raise InvalidInputError(
            f"the download could not be written ({exc.strerror or type(exc).__name__}); nothing was kept"
        ) from None


async def _attempt(
    http: httpx.AsyncClient,
    url: httpx.URL,
    spool: Spool,
    state: RetryState,
    *,
    bounds: Bounds,
    redact: Callable[[str], str],
) -> None:
    request = http.build_request("GET", url, extensions={STREAMED: True})
    deadline = bounds.attempt_deadline(state, request)
    timeouts = dict(request.extensions.get("timeout") or {})
    async with time_limit(deadline, request):
        for _ in range(_MAX_REDIRECTS + 1):
            limit_timeouts(request, deadline, timeouts)
            response = await http.send(request, stream=True)
            if response.status_code in _REDIRECTS and "location" in response.headers:
                await response.aclose()
                target = server_url(response.headers["location"], base=str(request.url), what="redirect")
                request = http.build_request("GET", target, extensions={STREAMED: True})
                continue
            if response.status_code != 200:
                answer = await aread_bounded(
                    response, request, limit=bounds.max_response_bytes, deadline=deadline
                )
                if state.should_replay(answer):
                    raise RetryableResponse(answer)
                raise error_from_response(answer, redact=redact)
            try:
                encoding = response.headers.get("content-encoding")
                decoder = BoundedDecoder(
                    request, encoding, bounds.max_download_bytes, setting="max_download_bytes"
                )
                async for chunks in aiter_decoded(response, request, decoder, deadline):
                    for chunk in chunks:
                        spool.file.write(chunk)
            finally:
                await response.aclose()
            return
    raise InvalidResponseError(f"the error file's URL redirected more than {_MAX_REDIRECTS} times")
