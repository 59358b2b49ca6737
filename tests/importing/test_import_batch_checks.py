"""The batch checks (one regex pass over a batch's phones, one over its emails) say what the per-row
rules say, row for row, and the reader's batches give the same verdicts as checking one row at a time."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exotel_contacts.importing import read_contacts, validate_file
from exotel_contacts.importing.checks import (
    E164,
    E164_LINES,
    EMAIL_FAST_OR_EMPTY,
    EMAIL_LINES,
    EMAIL_LINES_MAX_LENGTH,
    bad_lines,
)
from exotel_contacts.importing.reader import _BATCH

_EMAILISH = st.text(alphabet="aZ09.@-_+!é \t", max_size=EMAIL_LINES_MAX_LENGTH)
_PHONEISH = st.text(alphabet="+0123456789 -a٣", max_size=18)
_EMAILS = st.one_of(
    _EMAILISH,
    st.from_regex(r"[a-z]{1,12}(\.[a-z0-9]{1,8}){0,2}@[a-z0-9-]{1,10}(\.[a-z]{2,5}){1,2}", fullmatch=True),
)


@settings(max_examples=600, deadline=None)
@given(_EMAILS)
def test_email_lines_decide_short_addresses_as_the_rule_does(value: str) -> None:
    if len(value) <= EMAIL_LINES_MAX_LENGTH and "\n" not in value:
        assert (bad_lines(EMAIL_LINES, [value]) == []) == bool(EMAIL_FAST_OR_EMPTY.fullmatch(value))


@settings(max_examples=400, deadline=None)
@given(_PHONEISH)
def test_phone_lines_are_the_e164_rule(value: str) -> None:
    assert (bad_lines(E164_LINES, [value]) == []) == bool(E164.fullmatch(value))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PHONEISH, st.from_regex(r"\+91[0-9]{10}", fullmatch=True)), max_size=60))
def test_bad_lines_names_every_failing_line_of_a_batch(values: list[str]) -> None:
    assert bad_lines(E164_LINES, values) == [i for i, v in enumerate(values) if not E164.fullmatch(v)]


def test_a_batch_with_double_hyphens_takes_the_exact_pattern() -> None:
    # Without "--" in a batch the label look-ahead is skipped; with one, it decides.
    assert bad_lines(EMAIL_LINES, ["a@b.co", "c@d.co"]) == []
    assert bad_lines(EMAIL_LINES, ["a@b.co", "c@ab--c.co", "e@a--b.co"]) == [1]


def test_a_cell_holding_a_line_break_is_left_to_the_row_by_row_check() -> None:
    assert bad_lines(EMAIL_LINES, ["a@b.co", "x\ny@b.co"]) is None
    assert bad_lines(E164_LINES, []) == []


HEADER = "phone_number,first_name,last_name,email,company,tag\n"

# Rows of every kind: valid, bad phone, bad email, a long address valid and invalid (EMAIL_LINES
# decides only short ones), wrong field count, blank, quoted cells with line breaks, duplicates,
# a phone trimmed on the slow path.
_KINDS = [
    "+91987654{n:04d},A,B,a{n}@example.com,,",
    "98765 4{n:04d},A,B,,,",
    "+91987654{n:04d},A,B,a..{n}@example.com,,",
    "+91987654{n:04d},A,B,abcdefghij.klmnopqrstuv.wxyz{n:04d}@long-example-domain.com,,",
    "+91987654{n:04d},A,B,abcdefghijklmnop.qrstuvwxyzabcdefgh{n:04d}@long-example.com,,",
    "+91987654{n:04d},A,B",
    "",
    '+91987654{n:04d},"two\nlines",B,,,',
    '"+91987654{n:04d}\n",A,B,,,',
    '+91987654{n:04d},A,B,"a{n}@ex\nample.com",,',
    " +91987654{n:04d} ,A,B,,,",
    "+91987654{n:04d},A,B,JOSÉ{n}@example.com,,",
]


def _one_by_one(path: Path) -> list[tuple[int, str]]:
    """Verdicts of the same file cut into one-row batches (what the per-row rules say)."""
    import exotel_contacts.importing.reader as reader_module  # noqa: PLC0415

    saved = reader_module._BATCH
    reader_module._BATCH = 1
    try:
        return [(f.row_number, f.error_code) for f in validate_file(path).failures]
    finally:
        reader_module._BATCH = saved


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(_KINDS) - 1), st.integers(0, 30)), min_size=1, max_size=3 * _BATCH)
)
def test_batches_give_the_verdicts_of_one_row_at_a_time(
    tmp_path_factory: object, rows: list[tuple[int, int]]
) -> None:
    path = tmp_path_factory.mktemp("batch") / "mixed.csv"  # type: ignore[attr-defined]
    path.write_text(HEADER + "\n".join(_KINDS[kind].format(n=n) for kind, n in rows) + "\n", encoding="utf-8")
    report = validate_file(path)
    verdicts = [(f.row_number, f.error_code) for f in report.failures]
    assert verdicts == _one_by_one(path)
    assert verdicts == sorted(verdicts)  # file order
    streamed = [(r.row_number, r.failure.error_code) for r in read_contacts(path) if r.failure]
    assert streamed == verdicts  # failures come out in their place, across batch boundaries
    order = [r.row_number for r in read_contacts(path)]
    assert order == sorted(order)


def test_long_addresses_get_the_whole_rule(tmp_path: Path) -> None:
    # 33 letters besides the dots in a dotted local part: EMAIL_LINES alone would pass it.
    bad = "abcdefghijklmnop.qrstuvwxyzabcdefg@example.com"
    good = "abcdefghijklmnop.qrstuvwxyzabcdef@example.com"
    path = tmp_path / "long.csv"
    path.write_text(HEADER + f"+919876543210,A,B,{good},,\n+919876543211,A,B,{bad},,\n", encoding="utf-8")
    assert [(f.row_number, f.error_code) for f in validate_file(path).failures] == [(2, "INVALID_EMAIL")]
