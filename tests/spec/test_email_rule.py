"""The spec's `EmailAddress` rule keeps its promise: every address it accepts passes `format: email`.

The judges are the two `format: email` checks that read this spec in our tooling: jsonschema-rs
(Schemathesis validates answers with it; it also applies RFC 5321's 64-character local part and
63-character labels) and ajv-formats (Prism validates requests and answers with it). Values are drawn
from the pattern itself, as Schemathesis and hypothesis-jsonschema draw them. The rule's three
copies (spec, mock, client) agree on the limits' corners.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import jsonschema_rs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exotel_contacts.importing.checks import (
    EMAIL_FAST_OR_EMPTY,
    EMAIL_LINES,
    EMAIL_LINES_MAX_LENGTH,
    bad_email_cells,
    bad_lines,
    check_email,
)
from exotel_contacts_mock import rules

from .node_tools import ROOT

SCHEMAS = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["components"]["schemas"]
RULE = SCHEMAS["EmailAddress"]
PATTERN = re.compile(RULE["pattern"])
FORMAT_EMAIL = jsonschema_rs.validator_for({"type": "string", "format": "email"}, validate_formats=True)


def spec_accepts(email: str) -> bool:
    return bool(PATTERN.search(email)) and len(email) <= RULE["maxLength"]


def drawn_from_the_rule() -> st.SearchStrategy[str]:
    return st.from_regex(RULE["pattern"], fullmatch=True).filter(lambda s: len(s) <= RULE["maxLength"])


def test_the_pattern_has_no_lookarounds() -> None:
    assert not re.search(r"\(\?<?[=!]", RULE["pattern"])  # generators draw values from it


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(drawn_from_the_rule())
def test_every_address_the_rule_accepts_passes_jsonschema_rs_format_email(email: str) -> None:
    assert FORMAT_EMAIL.is_valid(email), email


AJV_CHECK = """
const Ajv = require("ajv"); const addFormats = require("ajv-formats");
const ajv = new Ajv(); addFormats(ajv);  // as Prism does (validator/validators/utils.js)
const valid = ajv.compile({type: "string", format: "email"});
const values = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(values.filter((v) => !valid(v))));
"""


@pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / "ajv-formats").exists(),
    reason="node or ajv-formats not installed; run make setup",
)
def test_every_address_the_rule_accepts_passes_ajv_formats_email() -> None:
    drawn: list[str] = []

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
    @given(drawn_from_the_rule())
    def draw(email: str) -> None:
        drawn.append(email)

    draw()
    corners = [email for email, accepted in CORNERS if accepted]
    refused = subprocess.run(
        ["node", "-e", AJV_CHECK],
        input=json.dumps(drawn + corners),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert json.loads(refused.stdout) == []


LABEL63 = "b" * 63
CORNERS: list[tuple[str, bool]] = [
    ("a" * 64 + "@example.com", True),  # the local part's 64 characters
    ("a" * 65 + "@example.com", False),
    ("first.last+" + "t" * 22 + "@example.com", True),  # dots and 32 other characters
    ("first.last+" + "t" * 23 + "@example.com", False),  # dots and 33: the pattern cannot count them
    (".".join("abcdefghijklmnopqrstuvwxyzABCDEF") + "@example.com", True),  # 32 characters, 31 dots
    ("a@" + LABEL63 + ".com", True),  # a label's 63 characters
    ("a@" + "b" * 64 + ".com", False),
    ("a@" + LABEL63 + "." + "c" * 64, False),  # the last label too
    ("a@" + ".".join([LABEL63] * 3) + "." + "c" * 60, True),  # 254 in all (host name 252)
    ("ab@" + ".".join([LABEL63] * 3) + "." + "c" * 60, False),  # 255
    ("0@00--0.A", False),  # hyphens 3rd and 4th: kept for IDNA A-labels (jsonschema-rs refuses it)
    ("a@xn--bcher-kva.com", False),  # even a valid A-label: no pattern can tell valid punycode
    ("a@example.ab--c", False),  # the last label too
    ("a@a--b.com", True),  # hyphens 2nd and 3rd
    ("a@abc--d.com", True),  # 4th and 5th
    ("a@ab-c.co-m.com", True),
]


@pytest.mark.parametrize(("email", "accepted"), CORNERS)
def test_the_rule_and_its_copies_agree_on_the_limits(email: str, accepted: bool) -> None:
    assert spec_accepts(email) == accepted
    assert (rules.check_email(email) is None) == accepted  # the mock's rule
    assert (EMAIL_FAST_OR_EMPTY.fullmatch(email) is not None) == accepted  # the client's, fast path
    assert (check_email(email) is None) == accepted  # and slow path
    if len(email) <= EMAIL_LINES_MAX_LENGTH:  # the batch regex, for the short addresses it decides
        assert (bad_lines(EMAIL_LINES, [email]) == []) == accepted
    assert (bad_email_cells([email]) == []) == accepted  # the batch check (in C when built)
    if accepted:
        assert FORMAT_EMAIL.is_valid(email)


def test_the_single_update_takes_the_rule_whole() -> None:
    email: dict[str, Any] = SCHEMAS["ContactUpdate"]["properties"]["email"]
    for key in ("type", "nullable", "format", "maxLength", "pattern"):
        assert email[key] == RULE[key], key
