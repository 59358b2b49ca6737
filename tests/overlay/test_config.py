"""Configuration: arguments, then EXOTEL_* variables, then defaults; typed errors before any request."""

from __future__ import annotations

import pytest

from exotel_contacts import ClientConfig, ConfigurationError

ENV = {"EXOTEL_ACCOUNT_SID": "env_sid", "EXOTEL_API_KEY": "env_key", "EXOTEL_API_TOKEN": "env_token"}


def test_arguments_beat_environment_beat_defaults() -> None:
    config = ClientConfig.resolve(environ=ENV)
    assert (config.account_sid, config.api_key, config.api_token) == ("env_sid", "env_key", "env_token")
    assert config.ccm_base_url == "https://ccm-api.exotel.com"
    assert config.campaign_base_url == "https://api.exotel.com"
    assert config.timeout == 30.0
    config = ClientConfig.resolve(account_sid="arg_sid", timeout=5, environ={**ENV, "EXOTEL_TIMEOUT": "9"})
    assert (config.account_sid, config.timeout) == ("arg_sid", 5.0)
    assert ClientConfig.resolve(environ={**ENV, "EXOTEL_TIMEOUT": "9"}).timeout == 9.0


def test_regions_and_overrides() -> None:
    mumbai = ClientConfig.resolve(environ={**ENV, "EXOTEL_REGION": "Mumbai"})
    assert mumbai.ccm_base_url == "https://ccm-api.in.exotel.com"
    assert mumbai.campaign_base_url == "https://api.in.exotel.com"
    mock = ClientConfig.resolve(
        environ={
            **ENV,
            "EXOTEL_CCM_BASE_URL": "http://127.0.0.1:9/",
            "EXOTEL_CAMPAIGN_BASE_URL": "http://h:1",
        }
    )
    assert (mock.ccm_base_url, mock.campaign_base_url) == ("http://127.0.0.1:9", "http://h:1")


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({}, "EXOTEL_ACCOUNT_SID"),
        ({"EXOTEL_ACCOUNT_SID": "s"}, "EXOTEL_API_KEY"),
        ({"EXOTEL_ACCOUNT_SID": "s", "EXOTEL_API_KEY": "k"}, "EXOTEL_API_TOKEN"),
        ({"EXOTEL_ACCOUNT_SID": "s", "EXOTEL_API_TOKEN": "t"}, "EXOTEL_API_KEY"),
        ({**ENV, "EXOTEL_API_TOKEN": "   "}, "EXOTEL_API_TOKEN"),
        ({**ENV, "EXOTEL_API_TOKEN": "bad\ntoken"}, "EXOTEL_API_TOKEN"),
        ({**ENV, "EXOTEL_API_KEY": "k:ey"}, "EXOTEL_API_KEY"),
        ({**ENV, "EXOTEL_ACCESS_TOKEN": "tökén"}, "EXOTEL_ACCESS_TOKEN"),
        ({**ENV, "EXOTEL_REGION": "mars"}, "EXOTEL_REGION"),
        ({**ENV, "EXOTEL_TIMEOUT": "soon"}, "EXOTEL_TIMEOUT"),
        ({**ENV, "EXOTEL_TIMEOUT": "0"}, "EXOTEL_TIMEOUT"),
        ({**ENV, "EXOTEL_TIMEOUT": "inf"}, "EXOTEL_TIMEOUT"),
        ({**ENV, "EXOTEL_CCM_BASE_URL": "ftp://x"}, "EXOTEL_CCM_BASE_URL"),
    ],
)
def test_unusable_configuration_names_the_variable(environ: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigurationError, match=names):
        ClientConfig.resolve(environ=environ)


def test_access_token_alone_is_enough_for_construction() -> None:
    config = ClientConfig.resolve(environ={"EXOTEL_ACCOUNT_SID": "s", "EXOTEL_ACCESS_TOKEN": "tok"})
    assert not config.has_basic


def test_config_is_frozen() -> None:
    config = ClientConfig.resolve(environ=ENV)
    with pytest.raises(AttributeError):
        config.api_token = "x"  # type: ignore[misc]
