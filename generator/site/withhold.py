"""Withholding: a build is never held hostage by one record (issue 24).

The rule PII refuses in a pull request whatever the output guard would refuse (both read text the
same way, `generator.rules.piiform`), so the guard should find nothing. If it still does (text the
records do not show, such as two fields meeting in a search index), one record must not stop the
site for everybody: the file that carries the personal data is left out, the search index is built
again without the pages left out, and each file is listed for the bureau with the records that
hold the same identifier, as a held class is. The rest is published; `peixun build --strict` exits
non-zero. Nothing the guard found is ever published: a search index that still leaks once its
pages are gone is left out whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import RecordsInvalidError
from generator.publish.pii_guard import KIND_LABELS, Leak, scan_text
from generator.records.record_set import RecordSet
from generator.site.search import SEARCH_DIR, page_titles


@dataclass(frozen=True, order=True)
class Withheld:
    """One file left out of the site and why (masked: this goes to build logs)."""

    path: str  # the file left out, relative to the site ("pagefind/" for the whole search index)
    kind: str
    masked: str
    sources: tuple[str, ...] = ()  # record files that hold the same identifier

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "kind": self.kind, "masked": self.masked, "sources": list(self.sources)}

    def __str__(self) -> str:
        source = (f"（记录：{'、'.join(self.sources)}）" if self.sources
                  else "（记录中未直接出现，可能由相邻字段拼接而成）")
        return f"{self.path}: {KIND_LABELS[self.kind]} {self.masked}{source}"


class WithheldRefused(RecordsInvalidError):
    """`--strict`: a file left out for personal data fails the build command (the rest is published)."""

    def __init__(self, withheld: list[Withheld]) -> None:
        files = len({w.path for w in withheld})
        super().__init__(f"有 {files} 个文件因含个人信息不予发布（--strict 要求没有）。请删除记录中的这些内容"
                         "（peixun validate 会指出文件和行），然后重新生成")
        self.withheld = withheld


def top_file(leak_path: str) -> str:
    """The published file a leak is in (an archive's member is in the archive)."""
    return leak_path.partition(":")[0]


def remove(out: Path, leaks: Iterable[Leak]) -> list[str]:
    """Delete from `out` every file that carries one of `leaks`; returns their paths."""
    files = sorted({top_file(leak.path) for leak in leaks})
    for rel in files:
        (out / rel).unlink(missing_ok=True)
    return files


def index_pages(folder: Path, leaks: Iterable[Leak]) -> dict[str, str] | None:
    """For each leaking fragment of the search index at `folder` (a page's text), the page
    (relative HTML path) it is of; None when no fragment leaks (the leak is in a part of the index
    no page owns: the index cannot be trusted). A page's words leak in the word lists too: they
    go with the page when the index is built again."""
    titles = page_titles(folder)
    pages = {}
    for leak in leaks:
        file = top_file(leak.path)
        stem = Path(file).stem
        if file.startswith("fragment/") and stem in titles:
            url = titles[stem][0].lstrip("/")
            pages[file] = url + "index.html" if url == "" or url.endswith("/") else url
    return pages or None


def sources(record_paths: Iterable[str], leaks: Iterable[Leak]) -> dict[str, tuple[str, ...]]:
    """For each leak's key, the record files (of `record_paths`, the files the records were loaded
    from) whose text holds the same identifier. Paths, not the records: the files are read again
    anyway, and the build's last pass runs after the records are let go."""
    wanted = {leak.key for leak in leaks}
    found: dict[str, list[str]] = {key: [] for key in wanted}
    for path in sorted(set(record_paths)):
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for _kind, _masked, key in scan_text(text, keyed=True):
            if key in found and path not in found[key]:
                found[key].append(path)
    return {key: tuple(paths) for key, paths in found.items()}


def paths_of(records: RecordSet) -> tuple[str, ...]:
    """The files `records` were loaded from: what `listed` needs of them."""
    return tuple(sorted({rec.path for rec in records.all_records()}))


def listed(leaks: Iterable[Leak], record_paths: Iterable[str], prefix: str = "") -> list[Withheld]:
    """One entry per file and identifier, with the record files it came from."""
    leaks = list(leaks)
    origin = sources(record_paths, leaks)
    return sorted({Withheld(prefix + top_file(leak.path), leak.kind, leak.masked, origin.get(leak.key, ()))
                   for leak in leaks})


__all__ = ["SEARCH_DIR", "Withheld", "WithheldRefused", "index_pages", "listed", "paths_of", "remove", "sources",
           "top_file"]
