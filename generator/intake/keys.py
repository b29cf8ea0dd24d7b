"""The bureau's pseudonym key and the keyed pseudonyms built from it (docs/privacy.md).

A plain SHA-256 of an ID number can be reversed by enumerating the small ID space, hence the
HMAC with a key that never enters Git. The same key gives the same pseudonym in every class, which
is what the per-person subsidy cap and the overlap rule need; a different key gives unrelated ones.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from pathlib import Path

from generator.errors import IntakeError
from generator.gitrepo import work_tree_of
from generator.rules.keyform import key_form

KEY_ENV = "PEIXUN_KEY"
# Shorter keys could be guessed and would make the HMAC as weak as a plain hash.
MIN_KEY_BYTES = 16
PSEUDONYM_HEX = 24
_SPACES = re.compile(r"\s+")

# Only the bureau imports: an institution that meets this message must seal its roster instead, and
# no message may send it to fetch the key (whoever holds it can reverse every pseudonym).
NOT_FOR_INSTITUTIONS = "导入由市人社局完成，密钥不交给培训主体；培训主体请用 peixun seal-roster 加密花名册后提交"
NO_KEY = (
    f"未提供假名密钥：请设置环境变量 {KEY_ENV}，或用 --key-file 指定仓库之外的密钥文件。"
    f"没有密钥不能导入花名册（身份证号码只能以密钥生成的假名写入仓库）。{NOT_FOR_INSTITUTIONS}"
)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def refuse_inside_repository(file: Path, records_dir: Path, what: str) -> None:
    """A secret (or a roster in clear) inside the repository that holds the records could be
    committed by the next `git add`: refused, with the reason."""
    tree = work_tree_of(records_dir) or records_dir
    if _inside(file, tree):
        raise IntakeError(f"{what} {file} 位于仓库 {tree} 之内，可能被提交到 Git。请把它放在仓库之外")


def load_key(key_file: Path | None, env: Mapping[str, str], records_dir: Path) -> bytes:
    """The key from `--key-file` (preferred when given) or the environment, refused when missing,
    too short, or stored inside the repository that holds the records."""
    if key_file is not None:
        if not key_file.is_file():
            raise IntakeError(f"密钥文件不存在：{key_file}")
        refuse_inside_repository(key_file, records_dir, "密钥文件")
        try:
            key = key_file.read_bytes().strip()
        except OSError as exc:
            raise IntakeError(f"无法读取密钥文件 {key_file}：{exc.strerror}") from None
    else:
        key = env.get(KEY_ENV, "").strip().encode("utf-8")
    if not key:
        raise IntakeError(NO_KEY)
    if len(key) < MIN_KEY_BYTES:
        raise IntakeError(f"假名密钥过短（{len(key)} 字节），至少需要 {MIN_KEY_BYTES} 字节。"
                          f"请使用市人社局保管的正式密钥。{NOT_FOR_INSTITUTIONS}")
    return key


def optional_key(key_file: Path | None, env: Mapping[str, str], records_dir: Path) -> bytes | None:
    """The key when one is given (checked as `load_key` checks it), None when none is: for commands
    that can do part of their work without it and must say what they could not (settle)."""
    if key_file is None and not env.get(KEY_ENV, "").strip():
        return None
    return load_key(key_file, env, records_dir)


def normalise_id(number: str) -> str:
    """ID numbers are hashed upper-cased and without spaces, so 'x' and 'X' give one person."""
    return _SPACES.sub("", number).upper()


def _keyed(key: bytes, prefix: str, value: str) -> str:
    digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return prefix + digest[:PSEUDONYM_HEX]


def person_pseudonym(key: bytes, id_number: str) -> str:
    """`p_` + 24 hex of HMAC-SHA256(key, upper-cased ID number)."""
    return _keyed(key, "p_", normalise_id(id_number))


def certificate_ref(key: bytes, certificate_number: str) -> str:
    """`c_` + 24 hex of HMAC-SHA256(key, the certificate number in its key form): NFKC, upper case,
    separators and look-alikes removed (`rules.keyform.key_form`), so that `JS2026-0001234`,
    `ＪＳ２０２６－０００１２３４` and `JS20260001234` are one certificate and count once."""
    return _keyed(key, "c_", key_form(certificate_number))
