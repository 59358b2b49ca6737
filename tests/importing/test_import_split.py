"""Splitting: each limit exactly met and one over, list caps, row maps, send_invalid, cleanup."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from exotel_contacts.importing import Limits, ListCapExceededError, MalformedCsvError, split_file

HEADER = "phone_number,first_name,last_name,email,company,tag,custom_field_1"


def make(tmp_path: Path, rows: int, *, bad_every: int = 0) -> Path:
    """A CCM file with `rows` rows of exactly the same length; every `bad_every`-th phone invalid."""
    path = tmp_path / "contacts.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER + "\n")
        for n in range(1, rows + 1):
            phone = "bad" + "0" * 10 if bad_every and n % bad_every == 0 else f"+91987{n:07d}"
            handle.write(f"{phone},First,Last,a@example.com,Acme,tag,c\n")
    return path


def read_part(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# Parts are written with CRLF (csv default): header and row sizes in bytes.
HEADER_BYTES = len(HEADER) + 2
ROW_BYTES = len("+919870000001,First,Last,a@example.com,Acme,tag,c") + 2


@pytest.mark.parametrize(("rows", "parts"), [(1, 1), (10, 1), (11, 2), (20, 2), (21, 3)])
def test_ccm_row_limit(tmp_path: Path, rows: int, parts: int) -> None:
    result = split_file(
        make(tmp_path, rows), family="ccm", out_dir=tmp_path / "out", limits=Limits(ccm_max_rows=10)
    )
    assert len(result.parts) == parts
    assert [p.rows for p in result.parts] == [10] * (parts - 1) + [rows - 10 * (parts - 1)]
    assert all(p.size_bytes == p.path.stat().st_size for p in result.parts)


@pytest.mark.parametrize(("extra", "parts"), [(0, 1), (1, 2)])
def test_ccm_byte_limit_exact_and_one_over(tmp_path: Path, extra: int, parts: int) -> None:
    limit = HEADER_BYTES + 5 * ROW_BYTES - extra
    result = split_file(
        make(tmp_path, 5), family="ccm", out_dir=tmp_path / "out", limits=Limits(ccm_max_bytes=limit)
    )
    assert len(result.parts) == parts
    assert all(p.path.stat().st_size <= limit for p in result.parts)
    assert result.parts[0].path.stat().st_size == (limit if extra == 0 else HEADER_BYTES + 4 * ROW_BYTES)


@pytest.mark.parametrize(("extra", "parts"), [(0, 1), (1, 2)])
def test_campaign_byte_limit(tmp_path: Path, extra: int, parts: int) -> None:
    campaign_header = len("number,first_name,last_name,company_name,email,tag") + 2
    campaign_row = len("+919870000001,First,Last,Acme,a@example.com,tag") + 2
    limit = campaign_header + 4 * campaign_row - extra
    result = split_file(
        make(tmp_path, 4),
        family="campaign",
        out_dir=tmp_path / "out",
        limits=Limits(campaign_max_bytes=limit),
    )
    assert len(result.parts) == parts
    assert all(p.size_bytes <= limit for p in result.parts)
    assert "custom_field_1" in " ".join(result.validation.warnings)


@pytest.mark.parametrize(
    ("list_type", "rows", "existing", "ok"),
    [
        ("static", 5, 0, True),
        ("static", 6, 0, False),
        ("static", 3, 2, True),
        ("static", 3, 3, False),
        ("dynamic", 8, 0, True),
        ("dynamic", 9, 0, False),
    ],
)
def test_campaign_list_caps(tmp_path: Path, list_type: str, rows: int, existing: int, ok: bool) -> None:
    limits = Limits(campaign_static_list_cap=5, campaign_dynamic_list_cap=8)
    out = tmp_path / "out"

    def run() -> object:
        return split_file(
            make(tmp_path, rows),
            family="campaign",
            out_dir=out,
            limits=limits,
            list_type=list_type,  # type: ignore[arg-type]
            existing_contacts=existing,
        )

    if ok:
        run()
        return
    with pytest.raises(ListCapExceededError) as info:
        run()
    assert info.value.count == info.value.cap + 1
    assert not list(out.iterdir()), "no part is left behind"


def test_list_cap_counts_only_rows_sent(tmp_path: Path) -> None:
    # 6 rows, one invalid: 5 to send fits a cap of 5.
    result = split_file(
        make(tmp_path, 6, bad_every=6),
        family="campaign",
        out_dir=tmp_path / "out",
        limits=Limits(campaign_static_list_cap=5),
    )
    assert result.sent_rows == 5


def test_row_map_points_back_to_the_original_rows(tmp_path: Path) -> None:
    result = split_file(
        make(tmp_path, 25, bad_every=4), family="ccm", out_dir=tmp_path / "out", limits=Limits(ccm_max_rows=7)
    )
    originals = [part.original_row(n) for part in result.parts for n in range(1, part.rows + 1)]
    assert originals == [n for n in range(1, 26) if n % 4]
    assert [f.row_number for f in result.validation.failures] == [4, 8, 12, 16, 20, 24]
    second = result.parts[1]
    rows = read_part(second.path)
    assert rows[3][0] == f"+91987{second.original_row(3):07d}"
    with pytest.raises(IndexError):
        second.original_row(second.rows + 1)
    # Kept as runs of consecutive rows: 7 rows with two gaps are 3 runs, not 7 entries.
    assert list(second.row_map) == [10, 11, 13, 14, 15, 17, 18]
    assert second.row_map.runs == 3


def test_send_invalid_keeps_failing_rows(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER + "\n+919876543210,A,B,,,,\nbad,C,D,,,,\n+919876543210,E,F,,,,\nshort\n", encoding="utf-8"
    )
    result = split_file(path, family="ccm", out_dir=tmp_path / "out", send_invalid=True)
    assert result.send_invalid
    assert [f.error_code for f in result.validation.failures] == [
        "INVALID_PHONE",
        "DUPLICATE_ENTRY",
        "INVALID_FORMAT",
    ]
    assert list(result.parts[0].row_map) == [1, 2, 3]
    assert [row[0] for row in read_part(result.parts[0].path)[1:]] == [
        "+919876543210",
        "bad",
        "+919876543210",
    ]


def test_parts_use_the_target_family_names_and_normalised_phones(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("Number,Company_Name,EMAIL\n 09876543210 ,Acme, a@example.com \n", encoding="utf-8")
    ccm = split_file(path, family="ccm", out_dir=tmp_path / "ccm", default_region="IN")
    assert read_part(ccm.parts[0].path) == [
        ["phone_number", "email", "company"],
        ["+919876543210", "a@example.com", "Acme"],
    ]
    campaign = split_file(path, family="campaign", out_dir=tmp_path / "campaign", default_region="IN")
    assert read_part(campaign.parts[0].path)[0] == ["number", "company_name", "email"]


def test_row_too_big_for_any_part_is_a_row_failure(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER + "\n+919876543210,A,B,,,," + "x" * 500 + "\n+919876543211,A,B,,,,\n", encoding="utf-8"
    )
    result = split_file(path, family="ccm", out_dir=tmp_path / "out", limits=Limits(ccm_max_bytes=300))
    assert [(f.row_number, f.error_code) for f in result.validation.failures] == [(1, "INVALID_FORMAT")]
    assert result.sent_rows == 1


def test_parts_are_removed_when_the_file_breaks_midway(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    good = "".join(f"+91987{n:07d},A,B,,,,\n" for n in range(30))
    path.write_text(HEADER + "\n" + good + '+919876543210,"A"B,,,,,\n', encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(MalformedCsvError):
        split_file(path, family="ccm", out_dir=out, limits=Limits(ccm_max_rows=10))
    assert not list(out.iterdir())


def test_unknown_family_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="family"):
        split_file(make(tmp_path, 1), family="sms", out_dir=tmp_path)  # type: ignore[arg-type]


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="ccm_max_rows"):
        Limits(ccm_max_rows=0)
    assert Limits().ccm_max_rows == 50_000
    assert Limits().campaign_max_bytes == 60_000_000


def test_progress_is_reported_while_rows_are_read(tmp_path: Path) -> None:
    seen: list[int] = []
    split_file(make(tmp_path, 12_000), family="ccm", out_dir=tmp_path / "parts", on_rows=seen.append)
    assert seen == [5_000, 10_000]
