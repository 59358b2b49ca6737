"""Local files checked before anything is sent (work that reached the server must never be lost to a
path that could have been checked first): one-line :class:`InvalidInputError` naming the path and fix."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from exotel_contacts.base.exceptions import InvalidInputError

__all__ = ["check_input_file", "check_output_file"]


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link loop"
    if isinstance(exc, IsADirectoryError):
        return "it is a directory; give a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    return exc.strerror or type(exc).__name__


def check_input_file(path: str | os.PathLike[str], *, what: str = "input file") -> Path:
    """``path`` if it is a regular file this process can read; else one-line :class:`InvalidInputError`."""
    source = Path(path)
    try:
        mode = source.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        if not stat.S_ISREG(mode):  # a FIFO or a device would block or never end
            raise InvalidInputError(f"{what} {str(source)!r} is not a regular file; give a CSV file")
        with source.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise InvalidInputError(f"cannot read {what} {str(source)!r}: {_reason(exc)}") from None
    return source


def check_output_file(path: str | os.PathLike[str], *, what: str = "output file") -> Path:
    """``path`` if a file can be written there (its folder exists and is writable; it is not a folder);
    an existing file is not touched, and the probe file is removed."""
    target = Path(path)
    if target.is_dir():
        raise InvalidInputError(f"{what} {str(target)!r} is a directory; give a file name in it")
    if target.exists() and not target.is_file():
        raise InvalidInputError(f"{what} {str(target)!r} is not a regular file")
    folder = target.parent
    if not folder.is_dir():
        raise InvalidInputError(
            f"cannot write {what} {str(target)!r}: the folder {str(folder)!r} does not exist"
        )
    try:
        if target.exists():
            with target.open("ab"):
                pass
        else:
            with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{target.name}.", suffix=".probe"):
                pass
    except OSError as exc:
        raise InvalidInputError(f"cannot write {what} {str(target)!r}: {_reason(exc)}") from None
    return target
