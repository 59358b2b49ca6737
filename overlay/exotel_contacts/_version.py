"""The package version (semver; CHANGELOG-python.md), kept in one place for the User-Agent header.

The spec version the generated client was made from is `SPEC_VERSION` (exotel_contacts_api, written by
`make generate` from openapi.yaml's info.version; CHANGELOG.md)."""

__all__ = ["__version__"]

# Hard-coded rather than read from importlib.metadata: start-up time is benchmarked and a metadata
# lookup scans sys.path. tests/overlay/test_version.py pins it to pyproject.toml.
__version__ = "0.2.0"
