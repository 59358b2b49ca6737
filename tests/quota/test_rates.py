"""Rate settings: the limits notation, one setting per family, keyword > environment > default."""

from __future__ import annotations

import pytest

from exotel_contacts import ConfigurationError
from exotel_contacts.base.rates import (
    DEFAULT_RATES,
    Rate,
    RateSettings,
    parse_rate,
    rate_class_of,
)


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("200 per 1 minute", Rate(200, 60.0)),
        ("200/minute", Rate(200, 60.0)),
        ("10 per 1 second", Rate(10, 1.0)),
        ("10/second", Rate(10, 1.0)),
        ("3 per 2 hours", Rate(3, 7200.0)),
        (" 30 / minute ".replace(" / ", "/"), Rate(30, 60.0)),
        (150, Rate(150, 60.0)),
        (Rate(5, 2.0), Rate(5, 2.0)),
    ],
)
def test_rate_notation(text: object, rate: Rate) -> None:
    assert parse_rate(text, "rate_limit") == rate  # type: ignore[arg-type]


@pytest.mark.parametrize("off", [None, "off", "None", "0", 0, "unlimited"])
def test_off(off: object) -> None:
    assert parse_rate(off, "rate_limit") is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "bad", ["fast", "200", "1/second;2/minute", "0 per second", -3, True, 2.5, Rate(0, 1.0), Rate(1, 0.0)]
)
def test_bad_rates_name_the_setting(bad: object) -> None:
    with pytest.raises(ConfigurationError, match="EXOTEL_RATE_LIMIT"):
        parse_rate(bad, "EXOTEL_RATE_LIMIT")  # type: ignore[arg-type]


def test_defaults_are_exotels_published_limits() -> None:
    settings = RateSettings.resolve(environ={})
    # Exotel's defaults follow the limits the server states; a rate the user writes is a ceiling.
    assert settings.ccm == Rate(200, 60.0, follow_server=True) == DEFAULT_RATES["ccm"]
    assert settings.campaign == Rate(30, 60.0, follow_server=True)
    assert settings.reads == Rate(300, 60.0, follow_server=True)
    assert not RateSettings.resolve(rate_limit="30/minute", environ={}).campaign.follow_server  # type: ignore[union-attr]


def test_precedence_family_keyword_then_family_env_then_shared() -> None:
    env = {
        "EXOTEL_RATE_LIMIT": "7/second",
        "EXOTEL_READS_RATE_LIMIT": "9/second",
        "EXOTEL_CCM_RATE_LIMIT": "8/second",
    }
    settings = RateSettings.resolve(ccm_rate_limit="1/second", environ=env)
    assert settings.ccm == Rate(1, 1.0)
    assert settings.reads == Rate(9, 1.0)
    assert settings.campaign == Rate(7, 1.0)
    settings = RateSettings.resolve(rate_limit="2/second", environ=env)
    assert settings.campaign == Rate(2, 1.0)
    assert settings.ccm == Rate(8, 1.0)


def test_rate_limit_per_minute_still_works() -> None:
    assert RateSettings.resolve(rate_limit_per_minute=50, environ={}).ccm == Rate(50, 60.0)
    off = RateSettings.resolve(rate_limit_per_minute=None, environ={"EXOTEL_RATE_LIMIT": "5/second"})
    assert not off.any
    assert RateSettings.resolve(environ={"EXOTEL_RATE_LIMIT": "off"}).of("reads") is None


def test_families() -> None:
    assert rate_class_of("ccm", "GET") == "ccm"
    assert rate_class_of("ccm", "POST") == "ccm"
    assert rate_class_of("campaign", "GET") == "reads"
    assert rate_class_of("campaign", "POST") == "campaign"
    assert rate_class_of("campaign", "delete") == "campaign"
