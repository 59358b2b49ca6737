"""One request as data (:class:`Operation`), built by the spec's rule for its operation
(:class:`OperationRule`); sync and async clients send it through their one funnel (``_send_counted``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sized
from typing import Any, Generic, TypeVar

import attrs
import httpx

from exotel_contacts.base.exceptions import InvalidInputError, TooManyContactsError
from exotel_contacts.base.families import Family
from exotel_contacts.base.rates import RateClass
from exotel_contacts.core.path_ids import path_request
from exotel_contacts.core.response import Redactor, error_from_response, parse_model
from exotel_contacts.core.retry import ATTEMPTS
from exotel_contacts.spec.operation_rule import OperationRule

__all__ = ["Operation", "spec_operation"]

T = TypeVar("T")
U = TypeVar("U")


@attrs.frozen
class Operation(Generic[T]):
    """One request: which API family (host and auth) it goes to, the httpx ``request`` keyword
    arguments (from the generated endpoint's ``_get_kwargs``), whether replaying it is safe, and
    how to turn the answer into a result. ``upload`` operations take one of the client's upload slots;
    ``rate_class`` is the rate-limit window it counts against (``None``: by family and method).
    """

    family: Family
    request: dict[str, Any]
    replay_safe: bool
    parse: Callable[[httpx.Response, Redactor], T]
    upload: bool = False
    rate_class: RateClass | None = None

    def then(self, shape: Callable[[T, httpx.Response], U]) -> Operation[U]:
        """This request, its parsed answer passed on to ``shape`` (which may check it further and
        raise, with the raw response at hand)."""
        parse = self.parse

        def shaped(response: httpx.Response, redact: Redactor) -> U:
            return shape(parse(response, redact), response)

        return Operation(self.family, self.request, self.replay_safe, shaped, self.upload, self.rate_class)


def _fields(body: object, options: Mapping[str, object]) -> dict[str, object]:
    fields = dict(options)
    if body is not None and attrs.has(type(body)):
        fields.update(attrs.asdict(body, recurse=False))  # type: ignore[arg-type]
    # The generated code renames reserved words (type -> type_); the rules use the spec's names.
    fields.update({k[:-1]: v for k, v in list(fields.items()) if k.endswith("_")})
    return fields


def _check_bounds(rule: OperationRule, fields: Mapping[str, object]) -> None:
    # The spec's item and page limits, before anything is sent (the server would refuse them anyway).
    most = rule.limits.get("max_items")
    items = fields.get(rule.item_field) if rule.item_field is not None else None
    if most is not None and isinstance(items, Sized) and len(items) > most:
        raise TooManyContactsError(
            f"{len(items)} {rule.item_field} in one {rule.operation_id} request; it takes at most {most}",
            how_to_fix=f"Send them in batches of {most}",
        )
    page = rule.limits.get("max_page_size")
    limit = fields.get("limit")
    if page is not None and isinstance(limit, int) and not 1 <= limit <= page:
        raise InvalidInputError(f"limit must be 1 to {page}, got {limit!r}")


def spec_operation(
    rule: OperationRule,
    get_kwargs: Callable[..., dict[str, Any]],
    path: tuple[str, ...],
    options: Mapping[str, object],
    from_dict: Callable[[dict[str, Any]], Any] | None = None,
) -> Operation[Any]:
    """The :class:`Operation` of a generated endpoint (``get_kwargs``), by the spec's rule for it.

    Every path value passes the path-id guard; the answer goes through the one parser (typed errors,
    cleaned server text, bounded numbers). Without ``from_dict`` the success answer is not JSON: its
    bytes are the result (bounded by ``max_response_bytes`` like every answer). A status the rule's
    ``after_replay`` marks ``done`` answers ``None`` after a replay (the lost attempt did the work); on
    a first attempt it is the usual typed error. The generated builders annotate what each returns.
    """
    fields = _fields(options.get("body"), {k: v for k, v in options.items() if k != "body"})
    _check_bounds(rule, fields)
    request = path_request(get_kwargs, *path, route=rule.path, **options)
    if "files" in request:
        # The generator pins "multipart/form-data; boundary=+++"; a CSV containing "\r\n--+++" would
        # then end its part early. Without the header httpx picks a random boundary.
        headers = {k: v for k, v in request.get("headers", {}).items() if k.lower() != "content-type"}
        request = {**request, "headers": headers}
    params = request.get("params")
    for name in rule.comma_separated:
        # `style: form, explode: false` (comma separated); the generator sends the list exploded.
        if isinstance(params, dict) and isinstance(params.get(name), list):
            params[name] = ",".join(str(v) for v in params[name])
    done = frozenset(status for status, meaning in rule.after_replay.items() if meaning == "done")

    def parse(response: httpx.Response, redact: Redactor) -> Any:
        if response.status_code in done and int(response.extensions.get(ATTEMPTS, 1)) > 1:  # replayed
            return None
        if from_dict is not None:
            return parse_model(response, from_dict, redact=redact)
        if not response.is_success:
            raise error_from_response(response, redact=redact)
        return response.content

    return Operation(
        family=rule.family,
        request=request,
        replay_safe=rule.safe_to_replay(fields),
        parse=parse,
        upload=rule.upload_slot,
        rate_class=rule.rate_class,
    )
