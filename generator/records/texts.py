"""Record texts on demand, and per-file text scans that a rule registers with the loader.

Keeping every file's text for the whole run would double the memory of a city-scale run (the
texts of 400,000 roster rows are larger than their models) for the few consumers that need a
text: line placement of files with findings, corrections, and text scans such as the PII rule's.
So texts are read when asked for, and a text scan registered here runs while the loader has the
text in hand; with a cache its result is kept per file content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from generator.records.yamlio import ParseProblem, decode

# name -> scan(relative path, text) -> a picklable result; registered by rule modules at import
TextScan = Callable[[str, str], Any]
TEXT_SCANS: dict[str, TextScan] = {}


def text_scan(name: str) -> Callable[[TextScan], TextScan]:
    """Register a scan that the loader runs on every record text (rules decorate with this)."""

    def register(func: TextScan) -> TextScan:
        TEXT_SCANS[name] = func
        return func

    return register


class LazyTexts(Mapping[str, str]):
    """Display path -> text of every record file that decoded as UTF-8, read when asked for."""

    def __init__(self) -> None:
        self._files: dict[str, Path] = {}

    def add(self, path: str, file: Path) -> None:
        self._files[path] = file

    def __getitem__(self, path: str) -> str:
        file = self._files[path]
        try:
            text = decode(file.read_bytes())
        except OSError:
            return ""  # deleted since loading: nothing left to place or scan
        return text if not isinstance(text, ParseProblem) else ""

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, path: object) -> bool:
        return path in self._files
