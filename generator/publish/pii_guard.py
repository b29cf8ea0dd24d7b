"""The last gate before publishing: no personal identifier in any output file (docs/privacy.md).

Pages are built from aggregates, so nothing personal should reach them; this guard does not trust
that. It reads every file the build wrote (pages, scripts, the search index, downloads, compressed
or zipped files included) and fails the build if any holds a string that passes the resident-ID
checksum, a mobile number other than an application's published contact number, or a keyed
pseudonym, in any disguise `generator.rules.pii` sees through (full-width digits, separators,
+86, upper case, a bare 24-hex run). Messages name the file and show the match masked: build logs are public.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import re
import zipfile
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from generator import forked
from generator.errors import PeixunError
from generator.rules.common import mask
from generator.rules.pii import find_identifiers, find_pseudonyms, normal_form
from generator.runtime import tuning

KIND_LABELS = {"ric": "公民身份号码", "mobile": "手机号码", "pseudonym": "人员或证书假名"}
MAX_LISTED = 20


@dataclass(frozen=True)
class Leak:
    path: str  # relative to the output folder; "archive.zip:member" inside an archive
    kind: str  # ric | mobile | pseudonym
    masked: str
    key: str = field(default="", compare=False)  # a digest of what was found: to find the records holding it

    def __str__(self) -> str:
        return f"{self.path}: {KIND_LABELS[self.kind]} {self.masked}"


class PersonalDataLeak(PeixunError):
    """The built site contains personal data; it must not be published."""

    def __init__(self, leaks: list[Leak]) -> None:
        listed = "\n".join(f"  {leak}" for leak in leaks[:MAX_LISTED])
        more = f"\n  ……另有 {len(leaks) - MAX_LISTED} 处" if len(leaks) > MAX_LISTED else ""
        super().__init__(f"网站输出中发现 {len(leaks)} 处个人信息，已停止生成：\n{listed}{more}\n"
                         "请从记录中删除这些内容（人员只能以汇总数字出现）")
        self.leaks = leaks


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[^0-9]", "", normal_form(phone))
    for prefix in ("0086", "86"):
        if len(digits) == 11 + len(prefix) and digits.startswith(prefix):
            return digits[len(prefix):]
    return digits


def leak_key(value: str) -> str:
    """What identifies an identifier or a pseudonym found, without holding it (upper case: a
    pseudonym is the same in either case)."""
    return hashlib.blake2b(value.upper().encode(), digest_size=12).hexdigest()


def scan_text(text: str, allowed_phones: Iterable[str] = (), *, keyed: bool = False) -> list[Any]:
    """(kind, masked) for every identifier in `text` (found on its normal form: invisible characters
    dropped, full-width digits, separators between digits, +86, pseudonyms in any case or bare),
    with `keyed` (kind, masked, leak_key); `allowed_phones` are normalised numbers."""
    allowed = set(allowed_phones)
    normal = normal_form(text)
    values = [(ident.kind, ident.digits) for ident in find_identifiers(normal, normal=True)
              if not (ident.kind == "mobile" and ident.digits in allowed)]
    values.extend(("pseudonym", normal[a:b]) for a, b in find_pseudonyms(normal, normal=True))
    if keyed:
        return [(kind, mask(value), leak_key(value)) for kind, value in values]
    return [(kind, mask(value)) for kind, value in values]


def _texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """The text of a file, and of each member when it is compressed or an archive (XLSX, ZIP)."""
    if data[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError):
            data = gzip.decompress(data)
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    yield from _texts(f"{name}:{member}", archive.read(member))
            return
        except zipfile.BadZipFile:
            pass
    yield name, data.decode("utf-8", errors="replace")


def _scan_files(out: str, rels: list[str], allowed: frozenset[str]) -> list[Leak]:
    leaks: list[Leak] = []
    for rel in rels:
        for name, text in _texts(rel, (Path(out) / rel).read_bytes()):
            leaks.extend(Leak(name, kind, masked, key) for kind, masked, key in scan_text(text, allowed, keyed=True))
    return leaks


def digest(data: bytes) -> str:
    """What identifies the bytes the guard read, to tell later whether a file still holds them."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def scan_file(out: Path, rel: str, allowed: frozenset[str]) -> tuple[str, list[Leak]]:
    """The leaks in one file under `out` and the digest of the bytes read (`allowed`: normalised
    numbers): a file scanned while the build goes on is trusted at the end only if it still holds
    exactly those bytes."""
    data = (out / rel).read_bytes()
    leaks = [Leak(name, kind, masked, key) for name, text in _texts(rel, data)
             for kind, masked, key in scan_text(text, allowed, keyed=True)]
    return digest(data), leaks


def chunk_files(files: list[tuple[str, int]]) -> list[list[str]]:
    """Consecutive files in chunks of about `guard_chunk_bytes`, so results come back in file order and a
    large file does not hold up many small ones."""
    chunks: list[list[str]] = [[]]
    size = 0
    for rel, length in files:
        if size >= tuning().guard_chunk_bytes:
            chunks.append([])
            size = 0
        chunks[-1].append(rel)
        size += length
    return chunks


def scan_output(out: Path, allowed_phones: Iterable[str] = (), workers: int | None = None,
                exclude: Collection[str] = ()) -> list[Leak]:
    """Every leak in the files under `out` (but `exclude`, relative paths scanned already), in file
    order. A large output (the open data of a decade is hundreds of megabytes) is scanned by
    `workers` forked processes, one per core by default; 0 scans here."""
    allowed = frozenset(normalise_phone(p) for p in allowed_phones)
    skip = set(exclude)
    files = sorted((rel, p.stat().st_size) for p in out.rglob("*")
                   if p.is_file() and (rel := p.relative_to(out).as_posix()) not in skip)
    if workers is None:
        workers = forked.cores() if sum(length for _rel, length in files) >= tuning().guard_parallel_from_bytes else 0
    chunks = chunk_files(files)
    if workers <= 1 or len(chunks) < 2:
        return _scan_files(str(out), [rel for rel, _length in files], allowed)
    with forked.pool(workers) as pool:
        found = pool.map(_scan_files, repeat(str(out)), chunks, repeat(allowed))
        return [leak for leaks in found for leak in leaks]


def guard_output(out: Path, allowed_phones: Iterable[str] = (), scanned: Iterable[Leak] | None = None,
                 exclude: Collection[str] = ()) -> None:
    """Fail when any file under `out` leaks; `scanned` are the leaks already found in `exclude`."""
    found = [*(scanned or ()), *scan_output(out, allowed_phones, exclude=exclude)]
    leaks = sorted(found, key=lambda leak: leak.path.partition(":")[0])  # file order; members as found
    if leaks:
        raise PersonalDataLeak(leaks)
