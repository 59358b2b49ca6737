"""A client library for accessing Exotel Contact APIs (CCM and Campaign)"""

from importlib.resources import files
from importlib.resources.abc import Traversable

from .client import AuthenticatedClient, Client

__all__ = (
    "SPEC_VERSION",
    "AuthenticatedClient",
    "Client",
    "spec_file",
)

SPEC_VERSION = "2.1.0"
"""`info.version` of the openapi.yaml this package was generated from (see CHANGELOG.md)."""


def spec_file() -> Traversable:
    """openapi.yaml, the spec this package was generated from; it ships inside the package.

    The overlay's error catalog and the mock both read the spec from here, so neither depends on
    the other (`make generate` copies the repository's openapi.yaml next to this module).
    """
    return files(__name__) / "openapi.yaml"
