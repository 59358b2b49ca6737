"""Reading and checking: row numbers, options, messages, the email fast path, streaming."""

from __future__ import annotations

import functools
import re
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from exotel_contacts.importing import (
    EMAIL_FAST,
    ContactSource,
    FileEncodingError,
    MalformedCsvError,
    MissingPhoneColumnError,
    NulByteError,
    check_email,
    read_contacts,
    validate_file,
)
from exotel_contacts.importing.checks import (
    EMAIL_FAST_OR_EMPTY,
    EMAIL_MAX_LENGTH,
    bad_email_cells,
)
from exotel_contacts_mock.rules import EMAIL_PATTERN  # read from openapi.yaml

ROOT = Path(__file__).resolve().parents[2]

HEADER = "phone_number,first_name,last_name,email,company,tag\n"


def write(tmp_path: Path, text: str, name: str = "contacts.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_row_numbers_count_records_not_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + '+919876543210,"A\nB\nC",X,,,\n' + '+919876543211,"D\r\nE",Y,,,\n' + "nope,F,G,,,\n",
    )
    report = validate_file(path)
    assert [(f.row_number, f.error_code, f.first_name) for f in report.failures] == [
        (3, "INVALID_PHONE", "F")
    ]


def test_default_region_normalises_national_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "09876543210,A,B,,,\n+919876543210,C,D,,,\n98765 43211,E,F,,,\n")
    assert [f.error_code for f in validate_file(path).failures] == ["INVALID_PHONE", "INVALID_PHONE"]
    report = validate_file(path, default_region="IN")
    # 09876543210 is +919876543210 once normalised: the second row is its duplicate.
    assert [(f.row_number, f.error_code) for f in report.failures] == [(2, "DUPLICATE_ENTRY")]
    assert "row 1" in report.failures[0].error_message
    phones = [result.phone_number for result in read_contacts(path, default_region="in")]
    assert phones == ["+919876543210", "+919876543210", "+919876543211"]


def test_strict_mode_checks_validity(tmp_path: Path) -> None:
    # E.164-shaped but not real: no Indian number starts with 0; +999 is no country code.
    path = write(tmp_path, HEADER + "+910123456789,A,B,,,\n+919876543210,C,D,,,\n+999123456,E,F,,,\n")
    assert validate_file(path).failures == ()
    report = validate_file(path, strict=True)
    assert [(f.row_number, f.error_code) for f in report.failures] == [
        (1, "INVALID_PHONE"),
        (3, "INVALID_PHONE"),
    ]
    assert "not a valid number" in report.failures[0].error_message


def test_non_ascii_digits_are_not_e164(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "+\u0669\u0661\u0669\u0668\u0667\u0666\u0665\u0664\u0663\u0662,A,B,,,\n")
    assert [f.error_code for f in validate_file(path).failures] == ["INVALID_PHONE"]


def test_duplicates_can_be_left_to_the_server(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "+919876543210,A,B,,,\n+919876543210,C,D,,,\n")
    assert validate_file(path, detect_duplicates=False).failures == ()


def test_messages_say_what_to_fix(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "+91 98765,A,B,,,\n+919876543210,A,B,x@y,,\n,A,B,,,\n")
    messages = {f.error_code: f.error_message for f in validate_file(path).failures}
    assert "E.164" in messages["INVALID_PHONE"]
    assert "+919876543210" in messages["INVALID_PHONE"]
    assert "period" in messages["INVALID_EMAIL"]
    assert "fill in" in messages["MISSING_REQUIRED"]


def test_read_contacts_yields_every_row_in_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "number,First_Name,company_name,Notes\n+919876543210,A,Acme,n\n+91-98,B,Beta,n\nshort\n\n+919876543211,C,,n\n",
    )
    results = list(read_contacts(path))
    assert [r.row_number for r in results] == [1, 2, 3, 5]
    assert results[0].ok
    assert results[0].fields == {"phone_number": "+919876543210", "first_name": "A", "company": "Acme"}
    assert [r.failure.error_code if r.failure else None for r in results] == [
        None,
        "INVALID_PHONE",
        "INVALID_FORMAT",
        None,
    ]
    assert results[1].phone_number is None


def test_latin1_error_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + "+919876543210,José,B,,,\n".encode("latin-1"))
    with pytest.raises(FileEncodingError) as info:
        validate_file(path)
    assert info.value.line == 2
    assert info.value.byte_offset == len(HEADER) + len("+919876543210,Jos")
    assert "UTF-8" in str(info.value)
    assert "line 2" in str(info.value)


def test_decode_error_far_into_a_big_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    body = "".join(f"+91987{n:07d},A,B,,,\n" for n in range(60_000))
    path.write_bytes(HEADER.encode() + body.encode() + b"+919999999999,\xff,B,,,\n")
    with pytest.raises(FileEncodingError) as info:
        validate_file(path)
    assert info.value.line == 60_002


def test_utf16_without_bom_is_called_utf16(tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(HEADER.encode("utf-16-le"))
    with pytest.raises(NulByteError, match="UTF-16"):
        validate_file(path)


@pytest.mark.parametrize(
    ("header", "hint"),
    [
        ("phone_number;first_name\n", "semicolon"),
        ("phone_number\tfirst_name\n", "tab"),
        ("+919876543210,John\n", "looks like data"),
    ],
)
def test_missing_phone_column_hints(tmp_path: Path, header: str, hint: str) -> None:
    with pytest.raises(MissingPhoneColumnError, match=hint):
        validate_file(write(tmp_path, header))


def test_source_closes_file_on_header_error(tmp_path: Path) -> None:
    path = write(tmp_path, "first_name\nJohn\n")
    with pytest.raises(MissingPhoneColumnError):
        ContactSource(path)


def test_memory_does_not_grow_with_file_size(tmp_path: Path) -> None:
    """Peak memory of a validation is about the same for 20,000 and 80,000 rows (duplicates off)."""

    def peak(rows: int) -> int:
        path = tmp_path / f"{rows}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(HEADER)
            for n in range(rows):
                handle.write(f"+91987{n:07d},Name{n},Last,user{n}@example.com,Acme,tag\n")
        tracemalloc.start()
        try:
            validate_file(path, detect_duplicates=False)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(20_000), peak(80_000)
    assert large < small * 1.5 + 200_000


_ATOM = st.text(
    alphabet=st.sampled_from("abcXYZ09!#$%&'*+/=?^_`{|}~-é\"(),:;<>[]\\ "),
    min_size=0,
    max_size=12,
)
_LABEL = st.text(alphabet=st.sampled_from("abz09-_é"), min_size=0, max_size=12)
_TLD = st.sampled_from(["com", "in", "test", "local", "xn--p1ai", "c0m", "a", "Org", "1com", "co-uk", "com-"])


@functools.cache  # read once: parsing openapi.yaml on each of 400 examples cost ~80 s
def _spec_email_rule() -> tuple[re.Pattern[str], int]:
    schema = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["components"]["schemas"]
    return re.compile(schema["EmailAddress"]["pattern"]), schema["EmailAddress"]["maxLength"]


def test_the_email_rule_is_the_specs() -> None:
    pattern, max_length = _spec_email_rule()
    assert (pattern.pattern, max_length) == (EMAIL_PATTERN, EMAIL_MAX_LENGTH)


@settings(max_examples=400, deadline=None)
@given(
    local=st.lists(_ATOM, min_size=1, max_size=3).map(".".join),
    labels=st.lists(_LABEL, min_size=1, max_size=3),
    tld=_TLD,
    pad=st.sampled_from([0, 0, 0, 250]),
)
def test_check_email_is_the_spec_rule(local: str, labels: list[str], tld: str, pad: int) -> None:
    """The local check accepts exactly what the spec's pattern and length accept (the server's rule)."""
    email = f"{'x' * pad}{local}@{'.'.join([*labels, tld])}"
    pattern, max_length = _spec_email_rule()
    accepted = bool(pattern.fullmatch(email)) and len(email) <= max_length
    assert (EMAIL_FAST_OR_EMPTY.fullmatch(email) is not None) == accepted
    trimmed = email.strip()  # the per-row check reads the trimmed cell (the parts carry it trimmed)
    assert (check_email(email) is None) == (bool(pattern.fullmatch(trimmed)) and len(trimmed) <= max_length)
    assert (bad_email_cells([email]) == []) == accepted  # the batch check (in C when built)


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        ("josé@example.com", "Only ASCII"),
        ("a@b_c.com", "invalid characters"),
        ("a@b.1com", "host name"),
        ("a@exämple.com", "Only ASCII"),
        ("john@", "something after"),
        ("a..b@example.com", "two periods"),
        ("x" * 250 + "@example.com", "longer than 254"),
        ("x" * 65 + "@example.com", "longer than 64"),
        ("first.last+" + "t" * 23 + "@example.com", "more than 32"),
    ],
)
def test_rejected_emails_say_what_to_fix(email: str, reason: str) -> None:
    message = check_email(email)
    assert message is not None
    assert reason in message
    assert message.endswith("Fix the address or leave the cell empty")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_check_email_never_raises_and_agrees_with_the_fast_path(text: str) -> None:
    value = text.strip()
    assert (check_email(text) is None) == (not value or EMAIL_FAST.fullmatch(value) is not None)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('phone_number,first_name\n+919876543210,"John\n', "in data row 1"),
        ('phone_number,first_name\n+919876543210,A\n+919876543211,"John\n', "in data row 2"),
        ('phone_number,first_name\n+919876543210,"A"B\n', "in data row 1"),
        ('phone_number,"first_name\n+919876543210,A\n', "in the header"),
    ],
)
def test_a_csv_error_names_the_row_it_is_in(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MalformedCsvError, match=where):
        validate_file(path)


def test_a_huge_field_in_the_first_row_is_not_called_the_header(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("phone_number,first_name\n+919876543210," + "A" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(MalformedCsvError, match="in data row 1"):
        validate_file(path)


_EMAILISH = st.lists(st.sampled_from([*"aZ09-._@!+~", "é", "\n", "--", ".."]), max_size=40).map("".join)
_LABEL = st.text(alphabet="ab0-", min_size=1, max_size=70)


@settings(max_examples=3000, deadline=None)
@given(_EMAILISH, st.lists(_LABEL, min_size=1, max_size=4), st.text(alphabet="ab0-", max_size=70))
def test_fast_email_regex_is_the_spec_rule(text: str, labels: list[str], tld: str) -> None:
    # EMAIL_FAST is written for speed; it must accept exactly what EmailAddress's pattern and length do.
    spec = re.compile(EMAIL_PATTERN)
    for value in (text, "x@" + ".".join(labels) + ("." + tld if tld else ""), "a" * 250 + "@b.cd"):
        expected = (
            1 <= len(value) <= EMAIL_MAX_LENGTH and spec.search(value) is not None and "\n" not in value
        )
        assert (EMAIL_FAST.fullmatch(value) is not None) == expected, value
