"""The C accelerator (`importing/_speedups.c`) against its pure-Python twins."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exotel_contacts.importing import checks, seen
from exotel_contacts.importing.checks import E164, EMAIL_FAST_OR_EMPTY, EMAIL_PATTERN
from exotel_contacts.importing.seen import SeenNumbers

needs_c = pytest.mark.skipif(
    not seen.ACCELERATED,
    reason="the C accelerator is not in use (not built, or EXOTEL_CONTACTS_PURE_PYTHON=1)",
)

if seen.ACCELERATED:
    from exotel_contacts.importing import _speedups

numbers = st.one_of(
    st.just("0"),
    st.integers(min_value=1, max_value=seen.MAX_NUMBER).map(lambda n: f"+{n}"),
    st.integers(min_value=1, max_value=5000).map(lambda n: f"+9198765{n:05d}"),  # repeats
    st.integers(min_value=1, max_value=seen.MAX_NUMBER).map(str),
)


@needs_c
@settings(max_examples=200, deadline=None)
@given(
    batches=st.lists(st.lists(numbers, max_size=40), min_size=1, max_size=6),
    rows=st.integers(min_value=1, max_value=400),
    probe_limit=st.sampled_from([0, 1, 2, seen.PROBE_LIMIT]),
)
def test_record_batch_is_its_python_twin(batches: list[list[str]], rows: int, probe_limit: int) -> None:
    table = SeenNumbers(rows, largest=400)
    twin = array("Q", table.slots)
    base = 1
    for batch in batches:
        start = 0
        while start < len(batch):
            args = (table.size, table.row_bits, batch, base, start, probe_limit)
            got = _speedups.record_batch(table.slots, *args)
            assert got == seen._record_batch_python(twin, *args)
            assert table.slots == twin
            stopped = got[0]
            if stopped < len(batch):  # what SeenNumbers.record_batch does: rebuild, go on
                assert stopped >= start
                start = stopped + 1  # here: skip the number that found no slot
            else:
                start = stopped
        base += len(batch)


@needs_c
@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=200) | st.lists(st.sampled_from([b"\r", b"\n", b"\r\n", b"a", b"\x00"])).map(b"".join)
)
def test_line_breaks_is_its_python_twin(chunk: bytes) -> None:
    breaks, nul = _speedups.line_breaks(chunk)
    assert nul == chunk.find(b"\x00")
    if nul < 0:
        assert (breaks, nul) == seen._line_breaks_python(chunk)
    assert _speedups.line_breaks(bytearray(chunk)) == (breaks, nul)


@needs_c
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.text(alphabet="+0123456789 -a٣\n", max_size=18)
        | st.from_regex(r"\+[1-9][0-9]{1,14}", fullmatch=True)
    )
)
def test_not_e164_is_the_e164_rule(cells: list[str]) -> None:
    expected = [index for index, cell in enumerate(cells) if not E164.fullmatch(cell)]
    assert _speedups.not_e164(cells) == expected
    assert checks._bad_phone_lines_python(cells) == expected


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


@needs_c
@settings(max_examples=1000, deadline=None)
@given(st.lists(_NEAR_ADDRESSES, max_size=8))
def test_bad_emails_is_the_email_rule(cells: list[str]) -> None:
    expected = [index for index, cell in enumerate(cells) if not EMAIL_FAST_OR_EMPTY.fullmatch(cell)]
    assert _speedups.bad_emails(cells) == expected
    assert checks._bad_email_cells_python(cells) == expected


@needs_c
def test_bad_emails_at_the_length_bounds() -> None:
    label = "b" * 63
    cells = [
        "a@" + ".".join([label] * 3) + "." + "c" * 60,  # 254
        "ab@" + ".".join([label] * 3) + "." + "c" * 60,  # 255
        "a" * 64 + "@b.co",
        "a" * 65 + "@b.co",
        "a." + "b" * 31 + "@b.co",  # 32 besides the dot
        "a." + "b" * 32 + "@b.co",
    ]
    assert _speedups.bad_emails(cells) == [1, 3, 5]


@needs_c
def test_not_e164_refuses_what_is_not_a_list_of_str() -> None:
    for cells in (("+919876543210",), ["+919876543210", 5], [None]):
        with pytest.raises(TypeError):
            _speedups.not_e164(cells)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            _speedups.bad_emails(cells)  # type: ignore[arg-type]


@needs_c
@pytest.mark.parametrize(
    "bad",
    [
        ["+"],
        [""],
        ["+1234567890123456"],  # 16 digits
        ["+91 98"],
        ["+९१"],  # digits, but not ASCII ones
        ["maría"],
        [12],
        [None],
    ],
)
def test_record_batch_refuses_what_is_not_a_number(bad: list[object]) -> None:
    table = SeenNumbers(10)
    with pytest.raises(ValueError, match="number"):
        _speedups.record_batch(table.slots, table.size, table.row_bits, bad, 1, 0, seen.PROBE_LIMIT)
    assert not any(table.slots)


@needs_c
def test_record_batch_refuses_a_table_that_is_not_one() -> None:
    table = SeenNumbers(10)
    good = (table.size, table.row_bits, ["+919876543210"], 1, 0, seen.PROBE_LIMIT)
    for slots in (array("q", table.slots), array("Q", [0]) * (table.size - 1), bytes(8 * table.size)):
        with pytest.raises((ValueError, TypeError, BufferError)):
            _speedups.record_batch(slots, *good)
    with pytest.raises(TypeError):
        _speedups.record_batch(table.slots, table.size, table.row_bits, ("+919876543210",), 1, 0, 1)
    for row_bits, base, start, limit in (
        (0, 1, 0, 1),
        (table.row_bits, 2**table.row_bits, 0, 1),
        (table.row_bits, 1, 5, 1),
        (table.row_bits, 1, 0, 4096),
    ):
        with pytest.raises((ValueError, OverflowError)):
            _speedups.record_batch(table.slots, table.size, row_bits, ["+919876543210"], base, start, limit)
    assert not any(table.slots)


def test_the_pure_python_switch_leaves_the_accelerator_unloaded(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "phone_number,email\n+919876543210,a@b.co\n+919876543210,maría@b.co\nbad,\n+919876543210,\n",
        encoding="utf-8",
    )
    code = (
        "import sys; from exotel_contacts.importing import validate_file, _accel; "
        "print(_accel.ACCELERATED, 'exotel_contacts.importing._speedups' in sys.modules, "
        "[(f.row_number, f.error_code) for f in validate_file(sys.argv[1]).failures])"
    )
    built = importlib.util.find_spec("exotel_contacts.importing._speedups") is not None
    seen_by = {}
    for value in ("1", "0"):
        env = {**os.environ, "EXOTEL_CONTACTS_PURE_PYTHON": value}
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        seen_by[value] = done.stdout.strip()
    verdicts = "[(2, 'INVALID_EMAIL'), (3, 'INVALID_PHONE'), (4, 'DUPLICATE_ENTRY')]"
    assert seen_by["1"] == f"False False {verdicts}"
    assert seen_by["0"] == f"{built} {built} {verdicts}"
