"""Roster keys that are not the bureau's alone: a recipient whose identity anybody can read.

`seal-roster` tells an institution that only the bureau can open what it seals. That is true only
if the identity (the `AGE-SECRET-KEY-1…` line) behind each `roster_recipients` key exists nowhere
but with the bureau. Two ways it can be elsewhere are checked here, by `validate` (ROLES-KEY) and
by `seal-roster` before it encrypts: the identity is in the repository itself (any file of the work
tree that Git sees: a test fixture, a note, a record), or it is one this project once published (the
test fixture that the sample's `roles.yaml` listed until issue 24: anyone with a clone of any
version can read it, so its key is refused for ever).
"""

from __future__ import annotations

from pathlib import Path

# bech32's alphabet upper-cased: the data part of an identity never holds 1, B, I or O
IDENTITY_PATTERN = "AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}"

# Recipients whose identity was published with this project (a clone of an old version has it).
KNOWN_PUBLISHED = {
    "age1kjxdtjthqvm9lz3ucf0zkkezrvxgcwzldw2lvh72asqxg3zupcssdqg3kh":
        "本项目曾随仓库公开的测试私钥（tests/fixtures/intake/TEST-ONLY-age-identity.txt，历史版本中人人可得）",
}


def identities_in_repository(root: Path) -> dict[str, str]:
    """Recipient → the repository file holding its identity, for every age identity in the files
    of the Git repository holding `root`; empty outside a repository."""
    import pyrage

    from generator.errors import GitError
    from generator.gitrepo import GitRepo

    try:
        with GitRepo(root) as repo:
            hits = repo.grep(IDENTITY_PATTERN)
    except (GitError, OSError):
        return {}
    found: dict[str, str] = {}
    for path, secret in hits:
        try:
            recipient = str(pyrage.x25519.Identity.from_str(secret).to_public())
        except Exception:  # a string of the right shape whose checksum fails is no key
            continue
        found.setdefault(recipient, path)
    return found


def compromised(recipients: list[str], root: Path) -> dict[str, str]:
    """Of `recipients`, those whose identity is not the bureau's alone, with where it is (Chinese)."""
    if not recipients:
        return {}
    found = {r: KNOWN_PUBLISHED[r] for r in recipients if r in KNOWN_PUBLISHED}
    in_repo = identities_in_repository(root)
    for r in recipients:
        if r in in_repo and r not in found:
            found[r] = f"仓库文件 {in_repo[r]} 中有其私钥"
    return found
