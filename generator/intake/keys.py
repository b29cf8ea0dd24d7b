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

KEY_ENV = "PEIXUN_KEY"
# Shorter keys could be guessed and would make the HMAC as weak as a plain hash.
MIN_KEY_BYTES = 16
PSEUDONYM_HEX = 24
_SPACES = re.compile(r"\s+")

NO_KEY = (
    f"未提供假名密钥：请设置环境变量 {KEY_ENV}，或用 --key-file 指定仓库之外的密钥文件。"
    "没有密钥不能导入花名册（身份证号码只能以密钥生成的假名写入仓库）"
)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _work_tree(start: Path) -> Path | None:
    """The Git work tree that holds `start`, if any: a key file there could be committed."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def load_key(key_file: Path | None, env: Mapping[str, str], records_dir: Path) -> bytes:
    """The key from `--key-file` (preferred when given) or the environment, refused when missing,
    too short, or stored inside the repository that holds the records."""
    if key_file is not None:
        if not key_file.is_file():
            raise IntakeError(f"密钥文件不存在：{key_file}")
        tree = _work_tree(records_dir) or records_dir
        if _inside(key_file, tree):
            raise IntakeError(
                f"密钥文件 {key_file} 位于仓库 {tree} 之内，可能被提交到 Git。请把密钥文件放在仓库之外"
            )
        try:
            key = key_file.read_bytes().strip()
        except OSError as exc:
            raise IntakeError(f"无法读取密钥文件 {key_file}：{exc.strerror}") from None
    else:
        key = env.get(KEY_ENV, "").strip().encode("utf-8")
    if not key:
        raise IntakeError(NO_KEY)
    if len(key) < MIN_KEY_BYTES:
        raise IntakeError(f"假名密钥过短（{len(key)} 字节），至少需要 {MIN_KEY_BYTES} 字节。请向市人社局索取正式密钥")
    return key


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
    """`c_` + 24 hex of HMAC-SHA256(key, certificate number, upper-cased, spaces removed)."""
    return _keyed(key, "c_", normalise_id(certificate_number))
