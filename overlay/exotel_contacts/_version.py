"""The package version, kept in one place for the User-Agent header."""

__all__ = ["__version__"]

# Hard-coded rather than read from importlib.metadata: start-up time is benchmarked and a metadata
# lookup scans sys.path. tests/overlay/test_version.py pins it to pyproject.toml.
__version__ = "0.1.0"
