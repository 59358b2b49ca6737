"""The spec-change proof: an operation added to openapi.yaml reaches Client and AsyncClient from the
generation alone, sent by its rule (an undeclared GET is replayed, an undeclared POST is not).

A copy of the repository's spec, generator and overlay goes to a temporary folder; two Campaign
operations shaped like getList are added to the spec there (a GET ``getListStats`` and an unmarked
POST ``copyList``), ``scripts/generate.sh`` runs there, and a child Python imports the result and
calls both through both clients against two local servers (one per API family).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = {
    "spec/operations.py",
    "operations/spec_requests.py",
    "client/_async/operations.py",
    "client/_sync/operations.py",
}

NEW_PATHS = """\
  /v2/accounts/{account_sid}/lists/{list_sid}/stats:
    servers:
      - *campaign-sg
      - *campaign-in
    parameters:
      - $ref: '#/components/parameters/AccountSid'
      - $ref: '#/components/parameters/ListSid'
    get:
      operationId: getListStats
      summary: Get a list's statistics (Campaign)
      tags: [campaign]
      security:
        - basicAuth: []
      responses:
        '200':
          description: The list.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ListResponse'
  /v2/accounts/{account_sid}/lists/{list_sid}/copy:
    servers:
      - *campaign-sg
      - *campaign-in
    parameters:
      - $ref: '#/components/parameters/AccountSid'
      - $ref: '#/components/parameters/ListSid'
    post:
      operationId: copyList
      summary: Copy a list (Campaign)
      tags: [campaign]
      security:
        - basicAuth: []
      responses:
        '200':
          description: The new list.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ListResponse'
"""

# Runs in the child, with the temporary tree first on its path.
CHILD = r"""
import asyncio, base64, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import stamina
import exotel_contacts as ec

stamina.set_testing(True, attempts=100, cap=True)  # no waits; the policy's attempts still count
LIST = {"sid": "L1", "name": "n", "contact_count": 3}
seen = []


def serve(family):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            seen.append([family, "GET", self.path, self.headers.get("authorization")])
            gets = [s for s in seen if s[1] == "GET" and s[2] == self.path]
            if len(gets) % 2 == 1:
                self.answer(503, {"http_code": 503, "response": {"code": 503, "status": "failure"}})
            else:
                data = {"code": 200, "status": "success", "error_data": None, "data": LIST}
                self.answer(200, {"request_id": "r", "method": "GET", "http_code": 200, "response": data})

        def do_POST(self):
            self.rfile.read(int(self.headers.get("content-length") or 0))
            seen.append([family, "POST", self.path, self.headers.get("authorization")])
            self.answer(500, {"http_code": 500, "response": {"code": 500, "status": "failure"}})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


ccm, campaign = serve("ccm"), serve("campaign")
options = dict(
    account_sid="AC1", api_key="KEY", api_token="TOKEN", environ={}, rate_limit_per_minute=None,
    ccm_base_url=f"http://127.0.0.1:{ccm.server_port}",
    campaign_base_url=f"http://127.0.0.1:{campaign.server_port}",
)
results = {"module": ec.__file__, "basic": "Basic " + base64.b64encode(b"KEY:TOKEN").decode()}


def outcome(call):
    try:
        return {"sid": call().response.data.sid}
    except ec.ExotelError as exc:
        return {"error": type(exc).__name__, "typed": True}


with ec.Client(**options) as client:
    results["sync_get"] = outcome(lambda: client.campaign.get_list_stats("L1"))
    results["sync_post"] = outcome(lambda: client.campaign.copy_list("L1"))


async def main():
    async with ec.AsyncClient(**options) as client:
        try:
            results["async_get"] = {"sid": (await client.campaign.get_list_stats("L2")).response.data.sid}
        except ec.ExotelError as exc:
            results["async_get"] = {"error": type(exc).__name__}
        try:
            await client.campaign.copy_list("L2")
            results["async_post"] = {"sent": True}
        except ec.ExotelError as exc:
            results["async_post"] = {"error": type(exc).__name__, "typed": True}

asyncio.run(main())
results["seen"] = seen
print(json.dumps(results))
"""


def _copy_tree(tmp: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("openapi.yaml", "openapi-python-client.yaml", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp / name)
    shutil.copytree(ROOT / "scripts", tmp / "scripts", ignore=ignore)
    shutil.copytree(ROOT / "overlay", tmp / "overlay", ignore=ignore)


def _changed_overlay_files(tmp: Path) -> set[str]:
    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }

    package = "overlay/exotel_contacts"
    before, after = files(ROOT / package), files(tmp / package)
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_an_operation_added_to_the_spec_reaches_both_clients(tmp_path: Path) -> None:
    _copy_tree(tmp_path)
    spec = tmp_path / "openapi.yaml"
    text = spec.read_text(encoding="utf-8")
    # At the end of `paths:` (the new paths use the servers anchored above them).
    assert text.count("\ncomponents:\n") == 1
    spec.write_text(text.replace("\ncomponents:\n", "\n" + NEW_PATHS + "components:\n", 1), encoding="utf-8")
    bin_dir = str(Path(sys.executable).parent)
    env = {"PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path)}
    generated = subprocess.run(
        ["bash", str(tmp_path / "scripts" / "generate.sh")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    # Only the generated files change; no hand-written overlay file is edited for a new operation.
    assert _changed_overlay_files(tmp_path) <= GENERATED
    assert "get_list_stats" in (tmp_path / "overlay/exotel_contacts/client/_sync/operations.py").read_text()

    path = os.pathsep.join(str(tmp_path / d) for d in ("overlay", "generated"))
    child = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**env, "PYTHONPATH": path},
    )
    assert child.returncode == 0, child.stdout + child.stderr
    results = json.loads(child.stdout.strip().splitlines()[-1])
    assert results["module"].startswith(str(tmp_path))
    # GET answered 503 then 200: replayed once, on the Campaign host, with Campaign's auth.
    assert results["sync_get"] == {"sid": "L1"}
    assert results["async_get"] == {"sid": "L1"}
    gets = [s for s in results["seen"] if s[1] == "GET"]
    assert [s[2] for s in gets] == ["/v2/accounts/AC1/lists/L1/stats"] * 2 + [
        "/v2/accounts/AC1/lists/L2/stats"
    ] * 2
    assert {(s[0], s[3]) for s in gets} == {("campaign", results["basic"])}
    # POST answered 500: an undeclared POST is not replayed, and ends in a typed error.
    posts = [s for s in results["seen"] if s[1] == "POST"]
    assert [(s[0], s[2]) for s in posts] == [
        ("campaign", "/v2/accounts/AC1/lists/L1/copy"),
        ("campaign", "/v2/accounts/AC1/lists/L2/copy"),
    ]
    assert results["sync_post"]["typed"]
    assert results["async_post"]["typed"]
    assert results["sync_post"]["error"] == results["async_post"]["error"] == "OutcomeUnknownError"
