"""Turn a path, bytes or binary file object into a multipart file part that can be replayed."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO, cast

from exotel_contacts.base.exceptions import InvalidInputError

__all__ = ["FileInput", "open_upload"]

FileInput = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]
"""A CSV to upload: a path (``str`` is always a path), its bytes, or a file object opened in ``"rb"``."""

_DEFAULT_NAME = "contacts.csv"


@contextmanager
def open_upload(file: FileInput) -> Iterator[tuple[str, BinaryIO]]:
    """Yield ``(file name, seekable binary stream)``; a path is opened here and closed afterwards.

    httpx seeks a file part back to 0 for each send; a stream that cannot seek is read into memory
    first, so that a replay is complete.
    """
    if isinstance(file, bytes | bytearray | memoryview):
        yield _DEFAULT_NAME, io.BytesIO(bytes(file))
    elif isinstance(file, str | os.PathLike):
        path = Path(file)
        try:
            stream = path.open("rb")
        except OSError as exc:
            raise InvalidInputError(
                f"Cannot open {str(path)!r} ({exc.strerror or exc}); a str is taken as a path, "
                "pass CSV content as bytes",
            ) from None
        with stream:
            yield path.name, stream
    elif hasattr(file, "read"):
        if isinstance(file, io.TextIOBase):
            raise InvalidInputError("The file object is in text mode; open it with 'rb'")
        name = getattr(file, "name", None)
        name = Path(name).name if isinstance(name, str) and name else _DEFAULT_NAME
        seekable = getattr(file, "seekable", None)
        if callable(seekable) and seekable():
            yield name, cast("BinaryIO", file)
        else:
            data = file.read()
            if not isinstance(data, bytes):
                raise InvalidInputError("The file object must give bytes; open it with 'rb'")
            yield name, io.BytesIO(data)
    else:
        raise InvalidInputError(
            f"Cannot upload a {type(file).__name__}: pass a path, bytes or a binary file object"
        )
