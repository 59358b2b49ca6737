"""Hatchling build hook: the optional C accelerator ``exotel_contacts.importing._speedups``.

The wheel target runs this hook (``[tool.hatch.build.targets.wheel.hooks.custom]`` in pyproject.toml):

- a regular wheel (``pip wheel .``, ``python -m build``, a wheel from the sdist) compiles the extension in
  a temporary folder and adds it at ``exotel_contacts/importing/_speedups<EXT_SUFFIX>``; the wheel is
  then tagged for this interpreter and platform instead of ``py3-none-any``;
- an editable install (``pip install -e .``, which ``make setup`` runs) compiles it in place, beside the
  source in ``overlay/exotel_contacts/importing/``, where the editable ``.pth`` finds it.

setuptools' ``build_ext`` drives the compiler (gcc or clang from Python's own build configuration, MSVC
on Windows) with the interpreter's own flags and optimisation level. The module is built with
``EXOTEL_SOURCE_SHA256`` set to the SHA-256 of the C file, so a test can tell a stale build from a
current one.

The accelerator is optional: without setuptools or a working compiler, or with
``EXOTEL_CONTACTS_NO_EXTENSION=1``, the build still succeeds as a pure-Python one and prints one
warning line to stderr; the package then runs its pure-Python path.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.config import BuilderConfig
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "exotel_contacts.importing._speedups"
SOURCE = "overlay/exotel_contacts/importing/_speedups.c"
# The folder on sys.path (for the editable install) that holds the package `MODULE` belongs to.
PACKAGE_ROOT = "overlay"
SKIP_VARIABLE = "EXOTEL_CONTACTS_NO_EXTENSION"
# The longest reason the warning line quotes from a compiler's or setuptools' message.
REASON_CHARS = 300


class AcceleratorNotBuiltError(Exception):
    """The extension could not be built; the message is the reason the warning gives."""


def source_sha256(source: Path) -> str:
    """The SHA-256 (hex) of the C file's bytes, as the built module reports it in ``SOURCE_SHA256``."""
    return hashlib.sha256(source.read_bytes()).hexdigest()


def _reason(error: BaseException) -> str:
    """One short line for a failed build: which program failed and how, not its whole command line
    (the compiler's own messages are on its stderr, which ``pip install -v`` shows)."""
    kind = type(error).__name__
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, subprocess.CalledProcessError):
            program = cause.cmd[0] if isinstance(cause.cmd, list | tuple) and cause.cmd else cause.cmd
            return f"{kind}: {program} exited with status {cause.returncode}"
        cause = cause.__cause__ or cause.__context__
    line = " ".join(f"{kind}: {error}".split())
    return line if len(line) <= REASON_CHARS else line[: REASON_CHARS - 3] + "..."


def build_extension(source: Path, build_lib: Path, build_temp: Path) -> Path:
    """Compile ``source`` into ``MODULE`` under ``build_lib`` (objects in ``build_temp``); the built file.

    Raises AcceleratorNotBuiltError with the reason when setuptools is missing or compiling fails.
    """
    try:
        from setuptools import Distribution, Extension  # noqa: PLC0415 (optional: the build may go without)
        from setuptools.command.build_ext import build_ext  # noqa: PLC0415
        from setuptools.errors import BaseError, CCompilerError  # noqa: PLC0415
    except ImportError as error:
        raise AcceleratorNotBuiltError(f"setuptools is not installed: {error}") from error
    try:
        digest = source_sha256(source)
    except OSError as error:
        raise AcceleratorNotBuiltError(f"cannot read {source}: {error}") from error
    extension = Extension(
        MODULE,
        sources=[str(source)],
        # A C string literal: the quotes are part of the macro's value.
        define_macros=[("EXOTEL_SOURCE_SHA256", f'"{digest}"')],
    )
    command = build_ext(Distribution({"name": "exotel-contacts", "ext_modules": [extension]}))
    command.build_lib = str(build_lib)
    command.build_temp = str(build_temp)
    command.force = True  # never keep an older build that looks up to date by its timestamp
    try:
        command.ensure_finalized()
        command.run()
    except (BaseError, CCompilerError, OSError) as error:
        raise AcceleratorNotBuiltError(_reason(error)) from error
    built = Path(command.get_ext_fullpath(MODULE))
    if not built.is_file():
        raise AcceleratorNotBuiltError(f"the compiler reported success but wrote no {built.name}")
    return built


def warn_not_built(reason: str) -> None:
    """The one warning line a build without the accelerator prints."""
    print(
        f"exotel-contacts: C accelerator not built ({reason}); the pure-Python path is used",
        file=sys.stderr,
        flush=True,
    )


class AcceleratorBuildHook(BuildHookInterface[BuilderConfig]):
    """Compiles the optional C accelerator into the wheel, or in place for an editable install."""

    PLUGIN_NAME = "custom"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._scratch: str | None = None

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        source = root / SOURCE
        editable = version == "editable"
        if editable:
            # An in-place build from an earlier install must not outlive this one: if this build is
            # skipped or fails, the package has to fall back to pure Python rather than import a
            # module compiled from another version of the source.
            _remove_in_place_build(root)
        if os.environ.get(SKIP_VARIABLE, "").strip() not in {"", "0"}:
            warn_not_built(f"{SKIP_VARIABLE}={os.environ[SKIP_VARIABLE]}")
            return
        self._scratch = tempfile.mkdtemp(prefix="exotel-contacts-build-")
        scratch = Path(self._scratch)
        build_lib = root / PACKAGE_ROOT if editable else scratch / "lib"
        try:
            built = build_extension(source, build_lib, scratch / "temp")
        except AcceleratorNotBuiltError as error:
            warn_not_built(str(error))
            self._clean_scratch()
            return
        if editable:
            # The .pth of the editable wheel puts PACKAGE_ROOT on sys.path; the module is found there.
            self._clean_scratch()
            return
        build_data["force_include"][str(built)] = built.relative_to(build_lib).as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        self._clean_scratch()

    def _clean_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None


def _remove_in_place_build(root: Path) -> None:
    """Delete this interpreter's in-place build of ``MODULE`` (``<name><EXT_SUFFIX>``), if any."""
    *package, name = MODULE.split(".")
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    root.joinpath(PACKAGE_ROOT, *package, name + suffix).unlink(missing_ok=True)
