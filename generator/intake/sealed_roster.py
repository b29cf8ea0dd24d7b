"""Sealed rosters: institutions check and encrypt, the bureau decrypts in memory and imports.

The pseudonym key is the bureau's alone (whoever holds it can reverse every pseudonym by
enumerating ID numbers), so an institution cannot import its own roster. Instead:

- `seal_roster` (institution, no key): reads the spreadsheet and runs the import's own checks
  (`importer.check_and_write` with nothing written) with a throwaway key whose pseudonyms are
  forgotten: every cell, ID check characters, duplicates, and the class as it would be judged by
  every rule among all records (the project's target groups, graduation window, attendance,
  certificate dates, quota). Only what compares pseudonyms across classes (overlaps, the
  per-person cap) waits for the bureau's import. A paid class's roster is frozen and refused. Only
  a clean sheet is encrypted with age to the `roles.yaml` `roster_recipients` in use on the day of
  sealing (`--as-of`, else today), none whose identity anybody else can read, written as
  `records/sealed/<year>/<class id>.age`. Nothing in clear is written anywhere.
- `import_sealed` (bureau: key and age identity): decrypts in memory, feeds the spreadsheet to the
  same import as a plain file, writes the pseudonymous roster and deletes the sealed file.

Inside the ciphertext, the spreadsheet travels with its class id and its format, so that a sealed
file renamed to another class is refused instead of filling the wrong roster.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import pyrage

from generator.errors import IntakeError
from generator.intake.classfile import find_class_file, load_class
from generator.intake.importer import RosterImport, check_and_write, import_sheet, roster_context
from generator.intake.keys import refuse_inside_repository
from generator.intake.roster import read_roster
from generator.intake.rosterrules import message
from generator.intake.sheet import RowProblem, read_sheet, read_sheet_bytes
from generator.records.agekeys import compromised
from generator.records.load import load_records
from generator.records.record_set import RecordSet
from generator.records.sealed_files import AGE_HEADER, MAX_SEALED_BYTES, sealed_rel

MAGIC = b"peixun-sealed-roster/1\n"
IDENTITY_PREFIX = "AGE-SECRET-KEY-1"
_PENDING = "SEALED-PENDING "  # the warning that a sealed roster waits, as the import pipeline words it


@dataclass
class SealResult:
    """Either the problems that stopped the sealing (nothing written) or the sealed file."""

    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)  # warnings of the class rules: sealed anyway
    sealed_file: Path | None = None
    replaced: bool = False  # a sealed roster of the class was already waiting and is replaced
    trainees: int = 0
    encoding: str | None = None

    @property
    def written(self) -> bool:
        return self.sealed_file is not None


# -- the envelope inside the ciphertext --------------------------------------------------------------

def pack(class_id: str, suffix: str, data: bytes) -> bytes:
    header = json.dumps({"class": class_id, "format": suffix}, ensure_ascii=True).encode()
    return MAGIC + header + b"\n" + data


def unpack(plain: bytes) -> tuple[str, str, bytes]:
    """(class id, file extension, spreadsheet bytes) from a decrypted envelope."""
    if not plain.startswith(MAGIC):
        raise IntakeError("解密成功，但内容不是 peixun seal-roster 生成的花名册。"
                          "请让培训主体用 peixun seal-roster 重新加密")
    header, newline, data = plain[len(MAGIC):].partition(b"\n")
    try:
        meta = json.loads(header) if newline else None
    except ValueError:
        meta = None
    if not isinstance(meta, dict) or not isinstance(meta.get("class"), str) or not isinstance(meta.get("format"), str):
        raise IntakeError("解密成功，但花名册的附带信息（班次、格式）无法读取。"
                          "请让培训主体用 peixun seal-roster 重新加密")
    return meta["class"], meta["format"], data


# -- institution side: check and seal ----------------------------------------------------------------

def recipient_keys(rs: RecordSet, day: dt.date) -> list[str]:
    """The bureau's age public keys rosters are sealed to on `day` (the CLI's day of sealing, the
    site's roster page's build date): those whose period holds the day and whose identity nobody
    else can read (`agekeys.compromised`)."""
    listed = rs.roles.model.roster_recipients if rs.roles is not None else []
    current = [r.recipient for r in listed if r.from_ <= day <= r.until]
    bad = compromised(current, rs.root)
    return [r for r in current if r not in bad]


def recipients_of(rs: RecordSet, day: dt.date) -> list[pyrage.x25519.Recipient]:
    """The bureau's keys in use on `day` (the day of sealing), each really the bureau's alone: a key
    whose identity anybody can read is refused, never used with a promise that only the bureau reads."""
    listed = rs.roles.model.roster_recipients if rs.roles is not None else []
    if not listed:
        raise IntakeError("roles.yaml 没有列出花名册加密公钥（roster_recipients），无法加密。"
                          "公钥由市人社局写入 roles.yaml，请联系市人社局")
    current = [r.recipient for r in listed if r.from_ <= day <= r.until]
    if not current:
        periods = "、".join(f"{r.from_} 至 {r.until}" for r in listed)
        raise IntakeError(f"roles.yaml 中没有 {day} 在用的花名册加密公钥（现有公钥的使用期：{periods}）。"
                          "请联系市人社局发布本期公钥")
    bad = compromised(current, rs.root)
    if bad:
        where = "；".join(f"{r[:12]}…：{w}" for r, w in bad.items())
        raise IntakeError(f"roles.yaml 中的花名册加密公钥不是只有市人社局能解密（{where}），不予加密。"
                          "请联系市人社局更换公钥（age-keygen 生成，私钥不进任何仓库）")
    return [pyrage.x25519.Recipient.from_str(r) for r in current]


def paid_on(rs: RecordSet, class_id: str) -> dt.date | None:
    """The day the class's first installment was paid (its roster frozen), or None."""
    payments = rs.payments.get(class_id)
    first = next((i for i in payments.model.installments if i.phase == "first"), None) if payments else None
    return first.paid_on if first is not None else None


def seal_roster(sheet_file: Path, class_id: str, records_dir: Path, as_of: dt.date | None = None) -> SealResult:
    """Check a roster spreadsheet without the key and encrypt it to the bureau (see the module doc)."""
    if not sheet_file.is_file():
        raise IntakeError(f"花名册文件不存在：{sheet_file}")
    refuse_inside_repository(sheet_file, records_dir, "花名册明文")
    class_file = find_class_file(records_dir, class_id)
    data = load_class(class_file, class_id)
    rs = load_records(records_dir)
    recipients = recipients_of(rs, as_of or dt.date.today())
    rec = rs.classes.get(class_id)
    if rec is None:
        raise IntakeError(f"班次 {class_id} 的记录有错误，无法核对花名册。请先用 peixun validate 修正班次文件")
    paid = paid_on(rs, class_id)
    if paid is not None:
        return SealResult(problems=[RowProblem(message("frozen", class_id=class_id, paid=paid.isoformat()))])
    sheet = read_sheet(sheet_file)
    if isinstance(sheet, RowProblem):
        return SealResult(problems=[sheet])
    throwaway = secrets.token_bytes(32)  # pseudonyms made with it are checked, then forgotten
    read = read_roster(sheet, throwaway, roster_context(records_dir, class_id, data))
    if read.problems:
        return SealResult(problems=read.problems, encoding=sheet.encoding)
    # the class as it would be, judged with every rule among all records (nothing is written): what
    # compares pseudonyms across classes cannot match throwaway ones, and waits for the bureau's import
    checked = check_and_write(records_dir, class_id, class_file, data, read.trainees, read.rows, read.columns,
                              as_of, key=throwaway, write=False)
    if checked.problems:
        return SealResult(problems=checked.problems, notes=checked.warnings, encoding=sheet.encoding)
    sealed = pyrage.encrypt(pack(class_id, sheet_file.suffix.lower(), sheet_file.read_bytes()), recipients)
    if len(sealed) > MAX_SEALED_BYTES:
        return SealResult(problems=[RowProblem(
            f"文件过大：加密后 {len(sealed)} 字节，超过上限 {MAX_SEALED_BYTES} 字节。"
            "请删除多余的工作表、图片和格式，只保留花名册各列后重试")], encoding=sheet.encoding)
    year = Path(rec.path).parent.name
    target = records_dir / sealed_rel(year, class_id)
    replaced = target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(sealed)  # ciphertext only: the clear text never leaves memory
    os.replace(tmp, target)
    notes = [n for n in checked.warnings if not n.message.startswith(_PENDING)]
    return SealResult(notes=notes, sealed_file=target, replaced=replaced, trainees=len(read.trainees),
                      encoding=sheet.encoding)


# -- bureau side: open and import --------------------------------------------------------------------

def load_identities(identity_file: Path, records_dir: Path) -> list[pyrage.x25519.Identity]:
    """The age identities (AGE-SECRET-KEY-1…) in a file outside the repository; comments ignored."""
    if not identity_file.is_file():
        raise IntakeError(f"私钥文件不存在：{identity_file}")
    refuse_inside_repository(identity_file, records_dir, "私钥文件")
    try:
        text = identity_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise IntakeError(f"无法读取私钥文件 {identity_file}（{type(exc).__name__}）") from None
    lines = [line.strip() for line in text.splitlines()]
    found = [line for line in lines if line.upper().startswith(IDENTITY_PREFIX)]
    if not found:
        raise IntakeError(f"私钥文件 {identity_file} 中没有 age 私钥（以 {IDENTITY_PREFIX} 开头的一行）。"
                          "请使用 age-keygen 生成的私钥文件")
    identities = []
    for number, line in enumerate(found, start=1):
        try:
            identities.append(pyrage.x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise IntakeError(f"私钥文件 {identity_file} 中第 {number} 个私钥无效（校验失败）。"
                              "请检查是否复制完整") from None
    return identities


def open_sealed(sealed_file: Path, identities: list[pyrage.x25519.Identity]) -> tuple[str, str, bytes]:
    """Decrypt a sealed roster in memory: (class id, extension, spreadsheet bytes)."""
    if not sealed_file.is_file():
        raise IntakeError(f"加密花名册不存在：{sealed_file}")
    size = sealed_file.stat().st_size
    if size > MAX_SEALED_BYTES:
        raise IntakeError(f"加密花名册 {sealed_file} 有 {size} 字节，超过上限 {MAX_SEALED_BYTES} 字节，不予解密")
    ciphertext = sealed_file.read_bytes()
    if not ciphertext.startswith(AGE_HEADER):
        raise IntakeError(f"{sealed_file} 不是 age 加密文件（首行应为 age-encryption.org/v1）。"
                          "请让培训主体用 peixun seal-roster 重新加密")
    try:
        plain = pyrage.decrypt(ciphertext, identities)
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise IntakeError(
                f"无法解密 {sealed_file}：它不是加密给所给私钥的。请确认使用与 roles.yaml 中 roster_recipients "
                "对应的私钥；若公钥已更换，请让培训主体用 peixun seal-roster 重新加密") from None
        raise IntakeError(
            f"无法解密 {sealed_file}：文件已损坏、被截断或被改动（{exc}）。"
            "请让培训主体用 peixun seal-roster 重新加密并提交") from None
    return unpack(plain)


def import_sealed(sealed_file: Path, identity_file: Path, class_id: str, records_dir: Path, key: bytes,
                  as_of: dt.date | None = None, *, write: bool = True) -> RosterImport:
    """Decrypt in memory, import as `import-roster FILE` does, and delete the sealed file with the
    write (kept when any row has a problem, and with `write=False`)."""
    identities = load_identities(identity_file, records_dir)
    sealed_for, suffix, data = open_sealed(sealed_file, identities)
    if sealed_for != class_id:
        raise IntakeError(f"{sealed_file} 是班次 {sealed_for} 的花名册，不是 {class_id} 的。请核对班次编号和文件名")
    if sealed_file.name != f"{class_id}.age":
        raise IntakeError(f"加密花名册的文件名应为 {class_id}.age，此处为 {sealed_file.name}。请核对")
    result = import_sheet(read_sheet_bytes(data, suffix), class_id, records_dir, key, as_of, write=write)
    # the pending-roster warning is about this very file, which the import consumes
    result.warnings = [w for w in result.warnings if not w.message.startswith(_PENDING)]
    if write and result.written:
        sealed_file.unlink()
    return result


__all__ = ["SealResult", "import_sealed", "open_sealed", "seal_roster"]
