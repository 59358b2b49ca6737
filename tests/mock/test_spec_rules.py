"""The mock's hand-made checks take their rules from openapi.yaml, and read digits, space and case as it does.

Python's `\\d`, `int()`, `str.strip()` and `str.lower()` are Unicode-wide; the spec's patterns and JSON's
integers are ASCII. Each test below is one instance of that class, through the HTTP API.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from mock_helpers_exotel import assert_envelope, ccm_status, csv_upload, upload, wait_for
from starlette.datastructures import Headers

from exotel_contacts_mock import MockConfig
from exotel_contacts_mock.csvfile import CAMPAIGN_COLUMNS, CCM_COLUMNS, _column_name
from exotel_contacts_mock.forms import declared_length
from exotel_contacts_mock.handlers import _ERROR_CSV_HEADER
from exotel_contacts_mock.rules import E164, EMAIL_MAX_LENGTH, EMAIL_PATTERN, normalise_number
from exotel_contacts_mock.spec import load_spec, operation, rules

ARABIC_INDIC = "+91\u0669\u0668\u0667\u0666\u0665\u0664\u0663\u0662\u0661\u0660"  # Arabic-Indic 9876543210
FULLWIDTH = "+91\uff19\uff18\uff17\uff16\uff15\uff14\uff13\uff12\uff11\uff10"
NBSP = "\u00a0"


# ---- the rules are the spec's ----------------------------------------------------------------------
def test_the_mock_reads_the_repositorys_spec(spec: dict[str, Any]) -> None:
    assert load_spec() == spec


def test_patterns_and_lengths_are_the_specs(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert E164.pattern == schemas["E164PhoneNumber"]["pattern"]
    assert E164.flags & re.ASCII
    assert schemas["EmailAddress"]["pattern"] == EMAIL_PATTERN
    assert schemas["EmailAddress"]["maxLength"] == EMAIL_MAX_LENGTH
    assert rules().e164_or_national.pattern == schemas["ContactUpdate"]["properties"]["number"]["pattern"]
    lengths = {p.get("maxLength") for p in schemas["ContactCreate"]["properties"].values() if p.get("type")}
    assert MockConfig().max_field_length in lengths
    assert MockConfig().max_json_depth == schemas["CreateContactsRequest"]["x-max-depth"]


def test_page_size_and_defaults_are_the_specs(spec: dict[str, Any]) -> None:
    parameters = spec["components"]["parameters"]
    assert rules().page_size_default == parameters["Limit"]["schema"]["default"]
    assert rules().duplicate_action_default == spec["components"]["schemas"]["DuplicateAction"]["default"]
    assert rules().list_type_default == spec["components"]["schemas"]["ListType"]["default"]


def _columns_named_in(text: str) -> tuple[str, ...]:
    """The backquoted names after "Columns:" in a description (the spec states the layouts in prose)."""
    after = re.split(r"columns:", text, flags=re.IGNORECASE)[1]
    sentence = re.split(r"(?<!e\.g)\.(?:\s|$)", after)[0]  # to the sentence's end (not "E.164", "e.g.")
    return tuple(re.findall(r"`([a-z0-9_]+)`", sentence))


def test_csv_columns_are_the_ones_the_spec_names(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    ccm_part = schemas["UploadContactsRequest"]["properties"]["file"]["description"]
    campaign_part = schemas["CsvUploadRequest"]["properties"]["file_name"]["description"]
    assert _columns_named_in(ccm_part) == CCM_COLUMNS
    assert _columns_named_in(campaign_part) == CAMPAIGN_COLUMNS
    assert _columns_named_in(operation(spec, "uploadContacts")["description"]) == CCM_COLUMNS
    assert _columns_named_in(operation(spec, "csvUploadContacts")["description"]) == CAMPAIGN_COLUMNS


def test_the_error_files_header_is_the_specs(spec: dict[str, Any]) -> None:
    answer = operation(spec, "downloadErrorFile")["responses"]["200"]["content"]["text/csv"]["schema"]
    assert re.match(answer["pattern"], ",".join(_ERROR_CSV_HEADER) + "\n")


# ---- digits ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", [ARABIC_INDIC, FULLWIDTH, "+9198765\u0665\u0664\u0663\u0662\u0661\u0660"])
def test_non_ascii_digits_are_not_a_phone_number(number: str) -> None:
    assert not E164.fullmatch(number)
    assert normalise_number(number, "91") is None
    assert normalise_number("0" + number[3:], "91") is None  # nor a national one


def test_bulk_create_refuses_arabic_indic_digits(client: httpx.Client) -> None:
    answer = client.post("/v2/accounts/demo/contacts", json={"contacts": [{"number": ARABIC_INDIC}]})
    assert answer.status_code == 207
    (item,) = answer.json()["response"]
    assert item["code"] == 400
    assert item["error_data"]["code"] == 1002


def test_a_single_update_refuses_arabic_indic_digits(client: httpx.Client) -> None:
    created = client.post("/v2/accounts/demo/contacts", json={"contacts": [{"number": "+919876543210"}]})
    sid = created.json()["response"][0]["data"]["sid"]
    answer = client.put(f"/v2/accounts/demo/contacts/{sid}", json={"number": ARABIC_INDIC})
    assert_envelope(answer, 400, 1002)


def test_a_ccm_upload_fails_the_row_with_arabic_indic_digits(client: httpx.Client) -> None:
    data = f"phone_number,first_name\n{ARABIC_INDIC},A\n+919876543210,B\n".encode()
    accepted = upload(client, data)
    assert accepted.status_code == 202, accepted.text
    status = ccm_status(client, accepted.json()["response"]["data"]["upload_id"])
    assert (status["successful"], status["failed"]) == (1, 1)
    errors = client.get(f"/v2/accounts/demo/contacts/upload/{status['upload_id']}/errors").json()
    assert [e["error_code"] for e in errors["response"]["data"]["errors"]] == ["INVALID_PHONE"]


def test_a_campaign_upload_fails_the_row_with_arabic_indic_digits(client: httpx.Client) -> None:
    answer = csv_upload(client, f"number,first_name\n{ARABIC_INDIC},A\n+919876543210,B\n".encode())
    assert answer.status_code == 200, answer.text
    upload_id = answer.json()["response"]["data"]["summary"]["upload_id"]

    def fetch() -> dict[str, Any]:
        data: dict[str, Any] = client.get(f"/v2/accounts/demo/csv-status/{upload_id}").json()["response"][
            "data"
        ]
        return data

    status = wait_for(fetch, lambda d: d["status"] == "completed")
    assert (status["stats"]["success"], status["stats"]["failed"]) == (1, 1)


@pytest.mark.parametrize("value", ["\u0662", "1_0", " 5", "5 ", "\uff15", "+5"])
def test_an_integer_query_parameter_is_ascii_digits(client: httpx.Client, value: str) -> None:
    assert_envelope(client.get("/v2/accounts/demo/lists", params={"limit": value}), 400, 1002)
    assert_envelope(client.get("/v2/accounts/demo/contacts", params={"offset": value}), 400, 1002)


def test_ascii_integer_query_parameters_still_work(client: httpx.Client) -> None:
    answer = client.get("/v2/accounts/demo/lists", params={"limit": "5", "offset": "0"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["metadata"]["limit"] == 5


@pytest.mark.parametrize(
    ("value", "length"),
    [("12", 12), ("0", 0), ("\u00b9\u00b2", None), ("1_2", None), (" 12", None), ("", None)],
)
def test_a_declared_length_is_ascii_digits(value: str, length: int | None) -> None:
    # Headers arrive as Latin-1: "¹²" are digits to str.isdigit() and make int() raise.
    assert declared_length(Headers(raw=[(b"content-length", value.encode("latin-1"))])) == length


# ---- white space -------------------------------------------------------------------------------------
def test_ascii_space_around_a_number_is_trimmed_other_space_is_not(client: httpx.Client) -> None:
    answer = client.post(
        "/v2/accounts/demo/contacts",
        json={"contacts": [{"number": " +919876543210\t"}, {"number": f"{NBSP}+919876543211"}]},
    )
    first, second = answer.json()["response"]
    assert first["code"] == 200
    assert first["data"]["number"] == "+919876543210"
    assert second["code"] == 400


def test_a_header_padded_with_non_ascii_space_names_no_column(client: httpx.Client) -> None:
    answer = upload(client, f"{NBSP}phone_number{NBSP}\n+919876543210\n".encode())
    assert_envelope(answer, 400, 1007)
    assert "no phone_number column" in answer.json()["response"]["error_data"]["description"]


def test_a_header_in_ascii_capitals_and_spaces_still_names_its_column(client: httpx.Client) -> None:
    accepted = upload(client, b" PHONE_NUMBER ,First_Name\n+919876543210,A\n")
    assert accepted.status_code == 202, accepted.text
    status = ccm_status(client, accepted.json()["response"]["data"]["upload_id"])
    assert status["successful"] == 1


def test_a_kelvin_sign_does_not_fold_into_a_column_name() -> None:
    assert _column_name("TAG") == "tag"
    assert _column_name("\u212a") != "k"  # str.lower() maps the Kelvin sign to "k"


# ---- case ----------------------------------------------------------------------------------------------
def test_a_list_name_filter_ignores_case_beyond_ascii(client: httpx.Client) -> None:
    created = client.post("/v2/accounts/demo/lists", json={"lists": [{"name": "\u00c4RZTE M\u00dcNCHEN"}]})
    assert created.status_code == 207
    for query in ("\u00e4rzte", "m\u00fcnchen", "\u00c4RZTE"):
        found = client.get("/v2/accounts/demo/lists", params={"name": query}).json()
        assert [item["data"]["name"] for item in found["response"]] == ["\u00c4RZTE M\u00dcNCHEN"], query


def test_a_contact_name_filter_ignores_case_beyond_ascii(client: httpx.Client) -> None:
    contacts = [
        {"number": "+919876543210", "first_name": "\u00d6LAF"},
        {"number": "+919876543211", "first_name": "Bo"},
    ]
    client.post("/v2/accounts/demo/contacts", json={"contacts": contacts})
    found = client.get("/v2/accounts/demo/contacts", params={"name": "\u00f6la"}).json()
    assert [item["data"]["first_name"] for item in found["response"]] == ["\u00d6LAF"]


def test_sorting_by_name_folds_case_beyond_ascii(client: httpx.Client) -> None:
    names = ["\u00e9clair", "\u00c9MILE", "zed"]
    client.post("/v2/accounts/demo/lists", json={"lists": [{"name": n} for n in names]})
    listed = client.get("/v2/accounts/demo/lists", params={"sort_by": "name:asc"}).json()
    # Code point order of the folded names ("z" < "é"); SQLite's lower() left "É" as it is.
    assert [item["data"]["name"] for item in listed["response"]] == ["zed", "\u00e9clair", "\u00c9MILE"]


# ---- answers the spec declares (found by schemathesis's CLI) ----------------------------------------
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/v2/accounts/a%2Fb/lists", 403),  # decoded, it routed nowhere: an undeclared 404
        ("/v2/accounts/a%2Fb/contacts", 403),
        ("/v2/accounts/demo/lists/a%2Fb", 404),
        ("/v2/accounts/demo/lists/a%2Fb/contacts", 404),
        (
            "/v2/accounts/" + "0" * 129 + "/contacts",
            400,
        ),  # breaks maxLength: listContacts declares 400, not 404
        ("/v2/accounts/" + "0" * 129 + "/lists", 400),
        ("/v2/accounts/demo/contacts/" + "0" * 129, 404),  # getContact declares 404 for an unknown id
    ],
)
def test_an_odd_id_gets_an_answer_its_operation_declares(
    client: httpx.Client, path: str, status: int
) -> None:
    answer = client.get(httpx.URL(path))
    assert answer.status_code == status, answer.text
    assert answer.json()["response"]["status"] == "failure"
