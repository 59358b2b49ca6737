"""Where a download goes while it arrives: a temporary file beside the destination (so the rename is
atomic), renamed onto a path, or copied in chunks to a file object, only once complete."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from exotel_contacts.base.exceptions import InvalidInputError

__all__ = ["Spool"]

_COPY_CHUNK = 64 * 1024


class Spool:
    """A temporary file for one download to ``dest`` (a path, or a binary file object)."""

    def __init__(self, dest: str | os.PathLike[str] | IO[bytes]) -> None:
        self.path: Path | None = Path(dest) if isinstance(dest, str | os.PathLike) else None
        self.target: IO[bytes] | None = None if isinstance(dest, str | os.PathLike) else dest
        folder = self.path.parent if self.path is not None else None
        try:
            handle, name = tempfile.mkstemp(
                dir=folder, prefix=f".{self.path.name}." if self.path else "exotel-download-", suffix=".part"
            )
        except OSError as exc:
            raise InvalidInputError(
                f"cannot write the download to {str(dest)!r} ({exc.strerror or type(exc).__name__})"
            ) from None
        self.temp = Path(name)
        self.file: IO[bytes] = os.fdopen(handle, "w+b")

    def restart(self) -> None:
        """Empty the temporary file: a replayed download writes it from the start."""
        self.file.seek(0)
        self.file.truncate()

    def commit(self) -> None:
        """Move the complete file onto the destination."""
        if self.path is not None:
            self.file.close()
            self.temp.replace(self.path)
            return
        assert self.target is not None  # noqa: S101 - set whenever path is None
        self.file.seek(0)
        shutil.copyfileobj(self.file, self.target, _COPY_CHUNK)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.file.close()
        with contextlib.suppress(FileNotFoundError):
            self.temp.unlink()
