"""A client library for accessing Exotel Contact APIs (CCM and Campaign)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
