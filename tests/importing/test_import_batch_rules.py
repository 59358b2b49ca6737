"""The batch loops (the duplicate table's `record_batch`, the prescan's `line_breaks`, the phone and email
batch checks) against the one-at-a-time rules they stand for. They were the pure-Python twins of the C
accelerator retired in package 0.2.0; these tests are what the twins' comparison kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exotel_contacts.importing import checks, file_checks, seen
from exotel_contacts.importing.checks import E164, EMAIL_FAST_OR_EMPTY
from exotel_contacts.importing.seen import SeenNumbers
from exotel_contacts_mock.rules import EMAIL_PATTERN  # read from openapi.yaml

numbers = st.one_of(
    st.just("0"),
    st.integers(min_value=1, max_value=seen.MAX_NUMBER).map(lambda n: f"+{n}"),
    st.integers(min_value=1, max_value=5000).map(lambda n: f"+9198765{n:05d}"),  # repeats
    st.integers(min_value=1, max_value=seen.MAX_NUMBER).map(str),
)


@settings(max_examples=200, deadline=None)
@given(batches=st.lists(st.lists(numbers, max_size=40), min_size=1, max_size=6))
def test_record_batch_is_first_row_one_number_at_a_time(batches: list[list[str]]) -> None:
    table = SeenNumbers(10, largest=400)  # small: the batches grow it
    reference: dict[int, int] = {}
    base = 1
    for batch in batches:
        expected = []
        for index, number in enumerate(batch):
            value = int(number)
            if not value:
                continue
            first = reference.setdefault(value, base + index)
            if first != base + index:
                expected.append((index, first))
        assert table.record_batch(batch, base) == expected
        base += len(batch)
    assert dict(table.entries()) == reference


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=200) | st.lists(st.sampled_from([b"\r", b"\n", b"\r\n", b"a", b"\x00"])).map(b"".join)
)
def test_line_breaks_counts_lf_cr_and_crlf_once_and_finds_the_first_nul(chunk: bytes) -> None:
    breaks, nul = file_checks.line_breaks(chunk)
    assert nul == chunk.find(b"\x00")
    if nul < 0:
        assert breaks == len(chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")) - 1


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.text(alphabet="+0123456789 -a٣\n", max_size=18)
        | st.from_regex(r"\+[1-9][0-9]{1,14}", fullmatch=True)
    )
)
def test_bad_phone_lines_is_the_e164_rule(cells: list[str]) -> None:
    expected = [index for index, cell in enumerate(cells) if not E164.fullmatch(cell)]
    assert checks.bad_phone_lines(cells) == expected


_ATEXT = "aZ09!#$%&'*+/=?^_`{|}~-"
_NEAR_ADDRESSES = st.one_of(
    # Addresses by the rule (drawn from the spec's pattern), and strings built from the characters
    # and runs where the rule has its corners: dots, hyphens, @, labels of 63-64, local parts of 32-65.
    st.from_regex(EMAIL_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 254),
    st.text(alphabet="aZ09.@-_+!é \n\t", max_size=40),
    st.lists(
        st.one_of(
            st.sampled_from([".", "@", "-", "--", "a", "Z", "9", "xn--", "é", " ", "\x00"]),
            st.text(alphabet=_ATEXT, min_size=1, max_size=3),
            st.integers(min_value=30, max_value=66).map(lambda n: "b" * n),
        ),
        max_size=12,
    ).map("".join),
    st.tuples(
        st.text(alphabet=_ATEXT + ".", min_size=1, max_size=70),
        st.lists(st.text(alphabet="ab0-", min_size=1, max_size=66), min_size=1, max_size=5),
    ).map(lambda parts: parts[0] + "@" + ".".join(parts[1])),
)


@settings(max_examples=300, deadline=None)  # 1000 took ~60 s here (drawing from the spec pattern)
@given(st.lists(_NEAR_ADDRESSES, max_size=8))
def test_bad_email_cells_is_the_email_rule(cells: list[str]) -> None:
    expected = [index for index, cell in enumerate(cells) if not EMAIL_FAST_OR_EMPTY.fullmatch(cell)]
    assert checks.bad_email_cells(cells) == expected


def test_bad_email_cells_at_the_length_bounds() -> None:
    label = "b" * 63
    cells = [
        "a@" + ".".join([label] * 3) + "." + "c" * 60,  # 254
        "ab@" + ".".join([label] * 3) + "." + "c" * 60,  # 255
        "a" * 64 + "@b.co",
        "a" * 65 + "@b.co",
        "a." + "b" * 31 + "@b.co",  # 32 besides the dot
        "a." + "b" * 32 + "@b.co",
    ]
    assert checks.bad_email_cells(cells) == [1, 3, 5]


@pytest.mark.parametrize("bad", [["+"], [""], ["+91 98"], ["maría"]])
def test_record_batch_refuses_what_is_not_a_number(bad: list[str]) -> None:
    table = SeenNumbers(10)
    with pytest.raises(ValueError, match="int"):
        table.record_batch(bad, 1)
    assert not any(table.slots)
