"""Every byte is bounded: JSON answers are capped (gzip bombs too), error files stream to disk."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import zlib
from pathlib import Path
from typing import Any

import httpx
import pytest
from hostile_servers import HostileServer, RawRequest, flood, gzip_bomb, head, json_answer, serving

from exotel_contacts import ExotelError, InvalidResponseError
from exotel_contacts.core.bodies import BoundedDecoder
from exotel_contacts.importing import validate_file

from .conftest import envelope, real

LIMIT = 256 * 1024


async def test_an_endless_json_answer_is_refused_past_the_limit_reading_no_more(kind: str) -> None:
    with serving(flood) as server:
        client = real(kind, server.url, max_response_bytes=LIMIT)
        with pytest.raises(InvalidResponseError, match="larger than"):
            await client.call("get_upload_status", "up_1")
        await client.close()
    assert server.count("GET") == 1  # not replayed: it would be as large again
    # What the server got out before the client hung up: the limit plus what sockets buffer, not more.
    assert server.sent
    assert server.sent[0] < LIMIT + 16 * 1024 * 1024


async def test_a_gzip_bomb_is_refused_on_its_decoded_size(kind: str) -> None:
    bomb = gzip_bomb(64 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    with HostileServer(json_answer(bomb, Content_Encoding="gzip")) as server:
        client = real(kind, server.url, max_response_bytes=LIMIT)
        with pytest.raises(InvalidResponseError, match="larger than"):
            await client.call("get_upload_status", "up_1")
        await client.close()


async def test_a_gzip_answer_within_the_limit_is_read(kind: str) -> None:
    body = gzip.compress(json.dumps(envelope({"upload_id": "up_1", "status": "completed"})).encode())
    with HostileServer(json_answer(body, Content_Encoding="gzip")) as server:
        client = real(kind, server.url, max_response_bytes=LIMIT)
        status = await client.call("get_upload_status", "up_1")
        await client.close()
    assert status.status == "completed"
    assert server.requests[0].headers["accept-encoding"] == "gzip, deflate"


FILE = b"row_number,phone_number,first_name,last_name,error_code,error_message\n" + b"".join(
    b"%d,+9198765%05d,A,B,INVALID_PHONE,bad\n" % (i, i) for i in range(20000)
)


def _errors_answer(url: str) -> bytes:
    data = {"upload_id": "up_1", "error_count": 1, "errors": [], "error_file_url": f"{url}/files/up_1.csv"}
    return json.dumps(envelope(data)).encode()


def _download_server(broken_first: int, *, always_broken: bool = False) -> Any:
    """Answers the errors call, then serves FILE; the first ``broken_first`` downloads break halfway."""

    def build(server: HostileServer) -> Any:
        def answer(request: RawRequest, conn: socket.socket) -> None:
            if request.path.endswith("/errors"):
                body = _errors_answer(server.url)
                conn.sendall(head(200, len(body), Content_Type="application/json") + body)
                return
            downloads = server.count("GET", "/files/")
            if always_broken or downloads <= broken_first:
                conn.sendall(head(200, len(FILE), Content_Type="text/csv") + FILE[: len(FILE) // 2])
                conn.shutdown(socket.SHUT_RDWR)
                return
            conn.sendall(head(200, len(FILE), Content_Type="text/csv") + FILE)

        return answer

    return build


async def test_a_broken_download_is_replayed_from_the_start_into_a_clean_file(
    kind: str, tmp_path: Path
) -> None:
    with serving(_download_server(broken_first=1)) as server:
        client = real(kind, server.url)
        dest = tmp_path / "errors.csv"
        assert await client.call("download_error_file", "up_1", dest) is True
        await client.close()
    assert dest.read_bytes() == FILE
    assert server.count("GET", "/files/") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.csv"]  # no temporary file left


async def test_a_download_that_keeps_failing_leaves_no_partial_destination(kind: str, tmp_path: Path) -> None:
    with serving(_download_server(broken_first=0, always_broken=True)) as server:
        client = real(kind, server.url)
        dest = tmp_path / "errors.csv"
        dest.write_bytes(b"the previous file")
        with pytest.raises(ExotelError):
            await client.call("download_error_file", "up_1", dest)
        await client.close()
    assert dest.read_bytes() == b"the previous file"  # untouched: the new file never replaced it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.csv"]


async def test_a_replayed_download_into_a_file_object_restarts_it_cleanly(kind: str) -> None:
    with serving(_download_server(broken_first=2)) as server:
        client = real(kind, server.url)
        out = io.BytesIO()
        assert await client.call("download_error_file", "up_1", out) is True
        await client.close()
    assert out.getvalue() == FILE


async def test_a_download_larger_than_its_limit_is_refused_and_removed(kind: str, tmp_path: Path) -> None:
    with serving(_download_server(broken_first=0)) as server:
        client = real(kind, server.url, max_download_bytes=64 * 1024)
        dest = tmp_path / "errors.csv"
        with pytest.raises(InvalidResponseError, match="larger than"):
            await client.call("download_error_file", "up_1", dest)
        await client.close()
    assert list(tmp_path.iterdir()) == []


def test_two_hundred_thousand_unknown_columns_make_one_warning(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    names = [f"extra_{i}" for i in range(200_000)]
    source.write_text("phone_number," + ",".join(names) + "\n+919876543210" + "," * len(names) + "\n")
    report = validate_file(source)
    unknown = [w for w in report.warnings if "not a contact field" in w]
    assert len(unknown) == 1
    assert "200000 columns" in unknown[0]
    assert "'extra_0'" in unknown[0]
    assert "and 199995 more" in unknown[0]
    assert len(unknown[0]) < 500


def test_one_unknown_column_is_named_as_before(tmp_path: Path) -> None:
    source = tmp_path / "one.csv"
    source.write_text("phone_number,notes\n+919876543210,x\n")
    (warning,) = [w for w in validate_file(source).warnings if "not a contact field" in w]
    assert warning.startswith("column 'notes' is not a contact field")


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw deflate", "two gzip members", "identity"])
def test_the_bounded_decoder_gives_back_exactly_the_body(encoding: str) -> None:
    data = os.urandom(100_000) + b"a" * 900_000
    compressed = {
        "gzip": gzip.compress(data),
        "deflate": zlib.compress(data),
        "raw deflate": zlib.compress(data)[2:-4],
        "two gzip members": gzip.compress(data[:500]) + gzip.compress(data[500:]),
        "identity": data,
    }[encoding]
    header = {"raw deflate": "deflate", "two gzip members": "gzip"}.get(encoding, encoding)
    decoder = BoundedDecoder(httpx.Request("GET", "https://x.test/"), header, len(data))
    out: list[bytes] = []
    for start in range(0, len(compressed), 4099):
        out += decoder.feed(compressed[start : start + 4099])
    assert b"".join(out) == data


def _redirecting(location: str) -> Any:
    def build(server: HostileServer) -> Any:
        def answer(request: RawRequest, conn: socket.socket) -> None:
            if request.path.endswith("/errors"):
                body = _errors_answer(server.url)
                conn.sendall(head(200, len(body), Content_Type="application/json") + body)
            elif request.path.endswith("/moved.csv"):
                conn.sendall(head(200, len(FILE), Content_Type="text/csv") + FILE)
            else:
                target = location.replace("SELF", server.url)
                conn.sendall(head(302, 0, Location=target))

        return answer

    return build


async def test_a_redirect_to_the_file_is_followed(kind: str, tmp_path: Path) -> None:
    with serving(_redirecting("SELF/files/moved.csv")) as server:
        client = real(kind, server.url)
        assert await client.call("download_error_file", "up_1", tmp_path / "e.csv") is True
        await client.close()
    assert (tmp_path / "e.csv").read_bytes() == FILE


@pytest.mark.parametrize("location", ["http://[::1", "ftp://files.test/x.csv", "SELF/files/again.csv"])
async def test_a_bad_or_endless_redirect_is_an_invalid_response(
    kind: str, tmp_path: Path, location: str
) -> None:
    with serving(_redirecting(location)) as server:
        client = real(kind, server.url)
        with pytest.raises(InvalidResponseError, match="redirect"):
            await client.call("download_error_file", "up_1", tmp_path / "e.csv")
        await client.close()
    assert list(tmp_path.iterdir()) == []
