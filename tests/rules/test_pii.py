"""PII: no resident-ID number, no mobile number outside contact.phone, pseudonyms well formed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.rules.common import mask
from generator.rules.pii import RIC_RE, find_identifiers, is_resident_id
from tests.conftest import APPLICATION, CLASS, EMPLOYMENT, INSTITUTION, PRIOR, World
from tests.rules.expect import no_finding, one_finding

VALID_ID = "320124198808240056"  # passes the GB 11643 checksum
VALID_ID_X = "32012419900101006X"  # valid, check character X
INVALID_ID = "11010519880605002X"  # widely copied, but by GB 11643 its check character is 3
MOBILE = "13812345678"
LOCATION = "location: 无锡市滨湖区示例路 1 号实训楼"
GOALS = "goals: 培训 20 人，取得四级证书，预期就业率 60%。"


def _replace(world: World, rel: str, old: str, new: str) -> None:
    text = world.path(rel).read_text(encoding="utf-8")
    assert old in text, old
    world.write(rel, text.replace(old, new, 1))


def test_clean_world_has_no_pii(world: World) -> None:
    no_finding(world, "PII")


# -- resident ID numbers -----------------------------------------------------------------------

@pytest.mark.parametrize(("rel", "old", "new", "needle", "masked"), [
    (CLASS, LOCATION, f"{LOCATION}  # 张三 身份证 {VALID_ID}", "# 张三", "3201**********0056"),
    (CLASS, LOCATION, f"{LOCATION}（学员{VALID_ID}家中）", "location:", "3201**********0056"),
    (CLASS, LOCATION, f"{LOCATION} {VALID_ID_X.lower()}", "location:", "3201**********006X"),
    (CLASS, "trainees:\n", f"# 花名册：{VALID_ID}\ntrainees:\n", "# 花名册", "3201**********0056"),
    (INSTITUTION, "address: 无锡市滨湖区示例路 1 号", f"address: 无锡市滨湖区示例路 1 号 ID:{VALID_ID}", "address:",
     "3201**********0056"),
    (EMPLOYMENT, "records:\n", f"records:\n  # {VALID_ID} 已核实\n", "已核实", "3201**********0056"),
])
def test_resident_id_anywhere(world: World, rel: str, old: str, new: str, needle: str, masked: str) -> None:
    _replace(world, rel, old, new)
    f = one_finding(world, "PII", rel, needle, masked, "身份证号码", "请删除")
    assert VALID_ID not in f.message and VALID_ID_X not in f.message.upper()


@pytest.mark.parametrize("text", [
    INVALID_ID,  # wrong check character
    INVALID_ID.lower(),
    "1" + VALID_ID,  # part of a longer run of digits
    VALID_ID + "7",
    "320124198813240056",  # no 13th month: not a birth date
])
def test_numbers_that_are_no_resident_id(world: World, text: str) -> None:
    _replace(world, CLASS, LOCATION, f"{LOCATION}  # {text}")
    no_finding(world, "PII")


def test_checksum_helper() -> None:
    assert is_resident_id(VALID_ID)
    assert is_resident_id(VALID_ID_X.lower())
    assert not is_resident_id(INVALID_ID)
    assert mask(VALID_ID) == "3201**********0056"
    assert mask(MOBILE) == "138****5678"


# -- mobile numbers ----------------------------------------------------------------------------

def _phone(value: str) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["contact"]["phone"] = value

    return change


@pytest.mark.parametrize("phone", [MOBILE, "+86 13812345678", "138-1234-5678"])
def test_mobile_as_the_contact_phone(world: World, phone: str) -> None:
    world.edit(APPLICATION, _phone(phone))
    no_finding(world, "PII")


@pytest.mark.parametrize(("rel", "old", "new", "needle"), [
    (APPLICATION, GOALS, f"{GOALS}咨询 {MOBILE}", "goals:"),
    (APPLICATION, "email: office@example.cn", f"email: {MOBILE}@example.cn", "email:"),
    (CLASS, LOCATION, f"{LOCATION}  # 学员电话 +86{MOBILE}", "学员电话"),
    (CLASS, LOCATION, f"{LOCATION}  # 138 1234 5678", "# 138"),
    (INSTITUTION, "legal_representative: 王示例", "legal_representative: 王示例（138-1234-5678）",
     "legal_representative:"),
])
def test_mobile_outside_the_contact_phone(world: World, rel: str, old: str, new: str, needle: str) -> None:
    _replace(world, rel, old, new)
    f = one_finding(world, "PII", rel, needle, "138****5678", "手机号码", "contact.phone")
    assert MOBILE not in f.message


def test_same_mobile_in_contact_phone_and_description(world: World) -> None:
    world.edit(APPLICATION, _phone(MOBILE))
    _replace(world, APPLICATION, GOALS, f"{GOALS}联系人 {MOBILE}")
    one_finding(world, "PII", APPLICATION, "goals:", "138****5678")


@pytest.mark.parametrize("text", [
    "2" + MOBILE,  # a 12-digit number
    MOBILE + "0",
    "12812345678",  # no mobile starts with 12
    "0510-85551234",  # a landline
])
def test_numbers_that_are_no_mobile(world: World, text: str) -> None:
    _replace(world, CLASS, LOCATION, f"{LOCATION}  # {text}")
    no_finding(world, "PII")


def test_digits_inside_a_hash_are_no_mobile(world: World) -> None:
    digest = ("ab" + MOBILE + "cd").ljust(64, "e")
    world.edit(CLASS, lambda d: d["evidence"][0].update(sha256=digest))
    assert [i.kind for i in find_identifiers(digest)] == []
    no_finding(world, "PII")


# -- pseudonym formats -------------------------------------------------------------------------

def _upper(value: str) -> str:
    return value[:2] + value[2:].upper()


def _first_trainee(change: Callable[[dict[str, Any]], None]) -> Callable[[Any], None]:
    return lambda data: change(data["trainees"][0])


@pytest.mark.parametrize(("rel", "path", "prefix", "what"), [
    (CLASS, ("trainees", 0, "person"), "p_", "第 1 名参训人员的 person"),
    (CLASS, ("trainees", 0, "assessment", "certificate", "number_ref"), "c_", "第 1 名参训人员的证书 number_ref"),
    (EMPLOYMENT, ("records", 0, "person"), "p_", "第 1 条就业记录的 person"),
    (PRIOR, ("subsidies", 0, "person"), "p_", "第 1 条已享受补贴的 person"),
])
def test_pseudonym_with_upper_case_hex(
    world: World, rel: str, path: tuple[str | int, ...], prefix: str, what: str
) -> None:
    data = world.load(rel)
    node = data
    for part in path[:-1]:
        node = node[part]
    value = _upper(node[path[-1]])
    node[path[-1]] = value
    world.dump(rel, data)
    f = one_finding(world, "PII", rel, value, what, prefix, "小写十六进制", "seal-roster")
    assert value not in f.message


@pytest.mark.parametrize(("value", "masked"), [
    ("张三", "张*"),
    ("p_1abf46952bc24580ef9e29d", "p_1a*****************e29d"),  # 23 hex digits
    ("q_1abf46952bc24580ef9e29d5", "q_1a******************29d5"),
])
def test_person_that_is_no_pseudonym(world: World, value: str, masked: str) -> None:
    world.edit(CLASS, _first_trainee(lambda t: t.update(person=value)))
    one_finding(world, "PII", CLASS, f"person: {value}", f"“{masked}”", "p_")


def test_raw_id_as_person_is_reported_once(world: World) -> None:
    world.edit(CLASS, _first_trainee(lambda t: t.update(person=VALID_ID)))
    one_finding(world, "PII", CLASS, VALID_ID, "3201**********0056", "身份证号码")


# -- the fast scan means what the patterns say ---------------------------------------------------

_PIECES = st.sampled_from([VALID_ID, VALID_ID_X, VALID_ID_X.lower(), VALID_ID[:17], MOBILE, "+86 138 1234 5678",
                           "0", "7", "X", "x", " ", "-", "号", "ab", "f" * 24, "p_"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_resident_id_scan_finds_exactly_the_pattern_s_checked_matches(text: str) -> None:
    """find_identifiers looks for resident IDs as maximal digit runs (fast); the reference is
    RIC_RE with its look-arounds, checked one match at a time."""
    expected = [(m.start(), m.end(), m.group().upper()) for m in RIC_RE.finditer(text) if is_resident_id(m.group())]
    found = [(i.start, i.end, i.digits) for i in find_identifiers(text) if i.kind == "ric"]
    assert found == expected
