"""The change history the site shows, read from Git in one call (measured, bench/RESULTS.md: one `git log`).

`generator.gitops.audit.recent_changes` gives, per commit and record, the changed fields with their
old and new values (none under a pseudonym, and pseudonyms in paths replaced by `*`). Which values a
page shows is decided by `publish/disclosure.PUBLIC_VALUES`; those shown go through `redact`, since
a value people typed may hold an identifier that a later correction removed: masked here, it
neither reaches the site nor blocks every future build at the PII guard.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GitError
from generator.gitops.actors import Landing, landings
from generator.gitops.audit import RecordChange, recent_changes
from generator.gitrepo import GitRepo
from generator.records.cachelayer import CacheLayer
from generator.rules.common import mask
from generator.rules.pii import find_identifiers, find_pseudonyms, normal_form
from generator.runtime import tuning

# enough for the whole history of a large programme; `peixun audit` remains the full trail


@dataclass(frozen=True)
class History:
    root: Path  # the repository's working tree
    changes: list[RecordChange]  # newest first
    by_path: dict[str, list[RecordChange]] = field(default_factory=dict)  # repository-relative path
    # commit -> the branch's commit that brought it (its merge, the pull request and the merger)
    landed: dict[str, Landing] = field(default_factory=dict)

    def of(self, record_file: str | Path) -> list[RecordChange]:
        """Changes of the record at `record_file` (as loaded), newest first, across renames."""
        try:
            rel = Path(record_file).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return []
        return self.by_path.get(rel, [])


def redact(text: str) -> str:
    """`text` with resident-ID numbers, mobile numbers and pseudonyms masked, in any disguise the
    PII guard sees through; a text holding any is shown in its normal form (full-width digits as
    ASCII), so that the masked parts line up."""
    text = normal_form(text)
    spans = [(i.start, i.end, mask(i.digits)) for i in find_identifiers(text, normal=True)]
    spans += [(a, b, mask(text[a:b])) for a, b in find_pseudonyms(text, normal=True)]
    parts, done = [], 0
    for start, end, masked in sorted(spans):
        if start >= done:  # an identifier inside a pseudonym is masked with it
            parts += [text[done:start], masked]
            done = end
    return "".join(parts) + text[done:]


def _index(changes: list[RecordChange]) -> dict[str, list[RecordChange]]:
    by_path: dict[str, list[RecordChange]] = defaultdict(list)
    alias: dict[str, str] = {}
    for change in changes:  # newest first: a rename maps the older path onto the current one
        current = alias.get(change.path, change.path)
        by_path[current].append(change)
        if change.old_path:
            alias[change.old_path] = current
    return dict(by_path)


def load_history(records_dir: Path, limit: int | None = None, cache: CacheLayer | None = None
                 ) -> History | None:
    """The records' history, or None when the folder is not inside a Git repository. With the
    load cache, the fields (and values) changed between two versions are read from Git only once."""
    try:
        with GitRepo(records_dir) as repo:
            root, prefix = repo.root, repo.relative(records_dir)
    except GitError:
        return None
    known = cache.blob_diffs() if cache is not None else {}
    size = len(known)
    try:
        changes = recent_changes(root, tuning().history_limit if limit is None else limit, prefix, known)
    except GitError:
        return None  # a repository without commits yet
    if cache is not None and len(known) != size:
        cache.save_blob_diffs(known)
    with GitRepo(root) as repo:
        landed = landings(repo)  # one more `git log`, of the commit graph alone
    return History(root, changes, _index(changes), landed)
