"""Fixtures of the robustness tests: unreadable paths, and calls that must not block."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest


def _no_block(call: Callable[[], object], seconds: float = 10) -> BaseException | None:
    """Run ``call`` in a thread; fail if it is still running after ``seconds`` (it blocked)."""
    caught: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            caught.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the loader blocked"
    return caught[0] if caught else None


@pytest.fixture
def no_block() -> Callable[[Callable[[], object]], BaseException | None]:
    """Run a call in a thread and give back what it raised; fail the test if it blocks."""
    return _no_block


@pytest.fixture
def unreadable(tmp_path: Path) -> Callable[..., dict[str, tuple[Path, str]]]:
    """Paths that are not readable files, each with a phrase of its error.

    Call it with a stem (each call makes its own paths in the test's folder) and the suffix the
    paths end in (``.csv`` unless given), so a reader's check of the suffix passes.
    """

    def paths(stem: str, suffix: str = ".csv") -> dict[str, tuple[Path, str]]:
        folder = tmp_path
        fifo = folder / f"{stem}-fifo{suffix}"
        os.mkfifo(fifo)
        (folder / f"{stem}-folder{suffix}").mkdir()
        broken = folder / f"{stem}-broken{suffix}"
        broken.symlink_to(folder / f"nowhere{suffix}")
        loop = folder / f"{stem}-loop{suffix}"
        loop.symlink_to(loop)
        afile = folder / f"{stem}-plain"
        afile.write_text("x", encoding="utf-8")
        return {
            "fifo": (fifo, "named pipe (FIFO)"),
            "folder": (folder / f"{stem}-folder{suffix}", "it is a folder"),
            "broken link": (broken, "symbolic link to"),
            "link loop": (loop, "loop"),
            "long name": (folder / (f"{stem}-" + "x" * 300 + suffix), "name is too long"),
            "through a file": (afile / f"{stem}{suffix}", "is a file, not a folder"),
            "missing": (folder / f"{stem}-missing{suffix}", "no such"),
        }

    return paths
