"""Atomic output: write to a temporary file beside the target, then rename, so an interrupted run
never leaves a half-written report."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def _named_as(path: Path) -> Iterator[None]:
    """An OSError within is named by the output asked for, not by a temporary file beside it."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _temporary_beside(path: Path) -> Path:
    with _named_as(path):
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    return Path(name)


@contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yields a temporary path to write to; on success it replaces `path` (mode as for a new file)."""
    path = Path(path)
    with _named_as(path):
        path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_beside(path)
    try:
        yield temporary
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class OutputBatch:
    """All of a run's outputs replaced together, and only when the run got to the end: each writer writes
    a temporary file beside its target (`temporary(target)`), `commit()` renames them all, and leaving
    the block without commit (an error, nothing to write) deletes them, so earlier outputs stay."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def temporary(self, path: str | Path) -> Path:
        path = Path(path)
        temporary = _temporary_beside(path)
        self._pending.append((temporary, path))
        return temporary

    def commit(self) -> None:
        umask = os.umask(0)
        os.umask(umask)
        for temporary, path in self._pending:
            os.chmod(temporary, 0o666 & ~umask)
            os.replace(temporary, path)
        self._pending.clear()

    def discard(self) -> None:
        for temporary, _ in self._pending:
            temporary.unlink(missing_ok=True)
        self._pending.clear()

    def __enter__(self) -> OutputBatch:
        return self

    def __exit__(self, *exc_info) -> None:
        self.discard()
