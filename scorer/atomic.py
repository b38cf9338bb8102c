"""Atomic output: write to a temporary file beside the target, then rename, so an interrupted run
never leaves a half-written report."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yields a temporary path to write to; on success it replaces `path` (mode as for a new file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temporary = Path(name)
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
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
        os.close(handle)
        self._pending.append((Path(name), path))
        return Path(name)

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
