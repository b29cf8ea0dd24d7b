"""Sealed rosters in the records folder: `sealed/<year>/<class id>.age`.

An institution cannot pseudonymise (the key is the bureau's), so it submits a class's roster
spreadsheet encrypted with age to the bureau's public keys (`roles.yaml` `roster_recipients`); the
bureau imports it and deletes the file in the same commit. These files are no YAML records: they are
listed apart, by name, size and first line only, and never decrypted here (validation holds no
identity). Anything else under `sealed/` (a spreadsheet in clear above all) is a finding.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SEALED_FOLDER = "sealed"
SEALED_SUFFIX = ".age"
AGE_HEADER = b"age-encryption.org/v1\n"  # the first line of every binary age file
# A roster of a few hundred rows is tens of kilobytes as XLSX; Excel's styles and WPS's extras can
# multiply that, never to megabytes. Above this, a file is something else (or an attempt to bloat).
MAX_SEALED_BYTES = 2 * 1024 * 1024
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class SealedFile:
    """One file under `sealed/`, as far as it can be judged without opening it."""

    rel: str  # POSIX path relative to the records folder, e.g. sealed/2026/P2026-001-01.age
    path: str  # as findings show it (display root + rel)
    size: int
    age_header: bool  # starts with the age header (a regular file, not a link)

    @property
    def parts(self) -> tuple[str, ...]:
        return PurePosixPath(self.rel).parts

    @property
    def well_placed(self) -> bool:
        """`sealed/<4-digit year>/<name>.age`, nothing deeper."""
        parts = self.parts
        return len(parts) == 3 and bool(_YEAR.match(parts[1])) and parts[2].endswith(SEALED_SUFFIX) \
            and len(parts[2]) > len(SEALED_SUFFIX)

    @property
    def year(self) -> str:
        return self.parts[1] if len(self.parts) > 2 else ""

    @property
    def class_id(self) -> str:
        return PurePosixPath(self.rel).name.removesuffix(SEALED_SUFFIX)


def is_sealed_rel(rel: str) -> bool:
    """Whether a path relative to the records folder lies under `sealed/`."""
    return rel.startswith(SEALED_FOLDER + "/")


def sealed_rel(year: str, class_id: str) -> str:
    """Where the sealed roster of a class goes, relative to the records folder."""
    return f"{SEALED_FOLDER}/{year}/{class_id}{SEALED_SUFFIX}"


def _describe(file: Path) -> tuple[int, bool]:
    info = os.lstat(file)
    if not stat.S_ISREG(info.st_mode):
        return info.st_size, False  # a link could point at anything, outside the repository too
    with file.open("rb") as fh:
        head = fh.read(len(AGE_HEADER))
    return info.st_size, head == AGE_HEADER


def list_sealed(root: Path, display_root: str) -> list[SealedFile]:
    """Every file under `<root>/sealed/` (hidden ones too: nothing in clear may hide there), sorted."""
    folder = root / SEALED_FOLDER
    if not folder.is_dir():
        return []
    prefix = "" if display_root == "." else display_root.rstrip("/") + "/"
    found: list[SealedFile] = []
    for here, dirs, files in os.walk(folder):
        links = [d for d in dirs if os.path.islink(os.path.join(here, d))]
        dirs[:] = sorted(d for d in dirs if d not in links)
        for name in [*files, *links]:  # a linked folder is judged as a file: never followed
            file = Path(here) / name
            rel = file.relative_to(root).as_posix()
            try:
                size, is_age = _describe(file)
            except OSError:
                size, is_age = 0, False
            found.append(SealedFile(rel, prefix + rel, size, is_age))
    return sorted(found, key=lambda f: f.rel)


def sealed_fingerprint(files: list[SealedFile]) -> str:
    """Everything the sealed-file rules read, for the key of a cached validation run."""
    return "\n".join(f"{f.rel}\0{f.size}\0{int(f.age_header)}" for f in files)
