"""A stateful mock of Exotel's contact APIs (CCM and Campaign), routed and validated from openapi.yaml."""

import warnings

# connexion imports deprecated names (starlette.testclient with httpx, jsonschema.RefResolver);
# projects that turn warnings into errors (this one does) must still be able to import the mock.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import connexion  # noqa: F401

from .app import MockApp, create_app
from .background import RunningMock, running_mock
from .config import Credentials, MockConfig
from .server import serve

__all__ = ["Credentials", "MockApp", "MockConfig", "RunningMock", "create_app", "running_mock", "serve"]
