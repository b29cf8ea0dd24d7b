"""PII: no resident-ID number, no mobile number outside contact.phone, pseudonyms well formed."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from bench import pii_corpus
from generator.rules.common import mask
from generator.rules.pii import DIGIT_ZEROS, find_identifiers, find_pseudonyms, is_resident_id, normal_form
from generator.rules.piiform import DEFAULT_IGNORABLE_NOT_CF, IGNORABLE
from tests.conftest import APPLICATION, AS_OF, CLASS, EMPLOYMENT, INSTITUTION, PRIOR, World
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


# -- disguises: the normal form ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "digits"), [
    ("３２０１２４１９８８０８２４００５６", "ric", VALID_ID),  # full-width digits
    ("320124 19880824 0056", "ric", VALID_ID),
    ("320-124-1988-0824-0056", "ric", VALID_ID),
    ("3201.2419.8808.2400.56", "ric", VALID_ID),
    ("320124\u300019880824\u30000056", "ric", VALID_ID),  # ideographic spaces
    ("320124\u200b19880824\u200b0056", "ric", VALID_ID),  # zero-width spaces
    ("３２０１２４１９９００１０１００６ｘ", "ric", VALID_ID_X),
    ("320124 19900101 006 X", "ric", VALID_ID_X),
    ("序号 1 320124 19880824 0056", "ric", VALID_ID),  # a digit before it
    ("320124880824005", "ric", "320124880824005"),  # 15 digits, issued before 1999
    ("320124 880824 005", "ric", "320124880824005"),
    ("138.1234.5678", "mobile", MOBILE),
    ("+86 138 1234 5678", "mobile", MOBILE),
    ("0086 13812345678", "mobile", MOBILE),
    ("８６－１３８－１２３４－５６７８", "mobile", MOBILE),
    ("1 3 8 1 2 3 4 5 6 7 8", "mobile", MOBILE),
    ("𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "mobile", MOBILE),  # mathematical digits
    ("①③⑧-1234-5678", "mobile", MOBILE),  # circled digits
    ("١٣٨١٢٣٤٥٦٧٨", "mobile", MOBILE),  # Arabic-Indic digits (NFKC keeps them)
    ("۱۳۸-۱۲۳۴-۵۶۷۸", "mobile", MOBILE),  # Extended Arabic-Indic, hyphenated
    ("३२०१२४ १९८८०८२४ ००५६", "ric", VALID_ID),  # Devanagari
    ("".join(chr(0x11066 + int(d)) for d in MOBILE), "mobile", MOBILE),  # Brahmi
    ("138-١٢٣٤-5678", "mobile", MOBILE),  # scripts mixed inside one number
    ("第5 13812345678", "mobile", MOBILE),  # a figure before it, apart
    ("p_1abf46952bc24580ef9e29d5 13812345678", "mobile", MOBILE),
    ("2026-05-01 138-1234-5678 2026-05-02", "mobile", MOBILE),
    # issue 24: any run of characters that are no letter or digit separates groups
    ("130/1234/5678", "mobile", "13012345678"),
    ("320124/19880824/0056", "ric", VALID_ID),
    ("138,1234,5678", "mobile", MOBILE),
    ("138、1234、5678", "mobile", MOBILE),
    ("138*1234*5678", "mobile", MOBILE),
    ("138:1234:5678", "mobile", MOBILE),
    ("138+1234+5678", "mobile", MOBILE),
    ("138／1234／5678", "mobile", MOBILE),
    ("138    1234    5678", "mobile", MOBILE),  # four spaces
    ("320124    19880824    0056", "ric", VALID_ID),
    ("138 / 1234 / 5678", "mobile", MOBILE),
    ("138\n  1234\n  5678", "mobile", MOBILE),  # across lines, as in a YAML block
    ("320124/19900101/006/X", "ric", VALID_ID_X),
    # issue 24: invisible characters are dropped before anything else
    ("138\u20631234\u20635678", "mobile", MOBILE),  # INVISIBLE SEPARATOR
    ("138\u034f1234\u034f5678", "mobile", MOBILE),  # COMBINING GRAPHEME JOINER
    ("138\ufe0f1234\ufe0f5678", "mobile", MOBILE),  # VARIATION SELECTOR-16
    ("3\u200d2\u200c0\u2060124\u00ad19880824\ufeff0056", "ric", VALID_ID),
    ("1\U000e01003\U000e0020812345678", "mobile", MOBILE),  # astral selectors and tags
    ("138\u2063 1234\u2063 5678", "mobile", MOBILE),
])
def test_disguised_identifiers_are_found(text: str, kind: str, digits: str) -> None:
    assert [(i.kind, i.digits) for i in find_identifiers(f"备注：{text}。")] == [(kind, digits)]


def test_every_decimal_digit_system_is_read_as_digits() -> None:
    """DIGIT_ZEROS is the list for this Python's Unicode database: a newer one with new scripts
    fails here rather than letting numbers in them through."""
    zeros = tuple(cp for cp in range(0x80, 0x110000)
                  if unicodedata.category(chr(cp)) == "Nd" and unicodedata.decimal(chr(cp)) == 0)
    assert zeros == DIGIT_ZEROS
    every_digit = "".join(chr(zero + d) for zero in DIGIT_ZEROS for d in range(10))
    assert normal_form(every_digit) == "0123456789" * len(DIGIT_ZEROS)


def test_ignorable_list_is_this_pythons() -> None:
    """IGNORABLE is Default_Ignorable_Code_Point, Cf and Cc but tab and line breaks for this
    Python's Unicode database; a newer one with new format characters fails here."""
    listed = {cp for low, high in IGNORABLE for cp in range(low, high + 1)}
    wanted = {cp for cp in range(0x110000)
              if unicodedata.category(chr(cp)) == "Cf" or (unicodedata.category(chr(cp)) == "Cc"
                                                            and chr(cp) not in "\t\n\r")}
    wanted |= {cp for low, high in DEFAULT_IGNORABLE_NOT_CF for cp in range(low, high + 1)}
    assert listed == wanted
    assert normal_form("".join(map(chr, sorted(listed))) + "\t\n\r") == "\t\n\r"


@pytest.mark.parametrize("text", [
    "2026-05-01 2026-06-30 2026-07-01", "6-31-07-03", "0510-82829088", "0510 8282 9088", "+86 510 82829088",
    "52320211MA1W00001X", "9848021f0e1c2d3b4a5968778695a4b3c2d1e0f9", "P2026-001-01 P2026-001-02",
    "12000.00 8000.00 2000.00 2000.00", "193 121 196 18", "M12.5 3.2-1.26 9-6.45 9-12", "1,381,234,567.00",
    # issue 31: two tokens, each complete on its own, are never one number
    "91320200000000B133 91320200A00000000U", "记-202001-1300 1000000.00", "记-202001-1300 1000000.00 元",
    "113202820290U66LCF, 123202050605931TWK",
    # issue 24: the innocent kinds written with other separators
    "13,812,345,678.00", "13,4000,12000", "1300 1000000 元", "2026/05/01 13:00:00", "0510/8282/9088",
    "0510    82829088", "(0510) 82829088", "无锡市梁溪区中山路 1385/12/1701 室", "4-01-02-07/4-01-05-01",
    "113 197 196 103 195 104", "2026-05-01 138 12000000",
])
def test_innocent_numbers_are_not(text: str) -> None:
    assert find_identifiers(text) == [] and find_pseudonyms(text) == []


@pytest.mark.parametrize(("text", "found"), [
    ("p_1abf46952bc24580ef9e29d5", "p_1abf46952bc24580ef9e29d5"),
    ("P_1ABF46952BC24580EF9E29D5", "P_1ABF46952BC24580EF9E29D5"),
    ("学员1ABF46952BC24580EF9E29D5家中", "1ABF46952BC24580EF9E29D5"),  # bare
    ("ｐ＿１ａｂｆ46952bc24580ef9e29d5", "p_1abf46952bc24580ef9e29d5"),  # full-width
    ("sha 9848021f0e1c2d3b4a5968778695a4b3c2d1e0f9", None),  # a 40-hex Git SHA is no pseudonym
    ("x1abf46952bc24580ef9e29d5", None),  # part of a longer word
])
def test_pseudonyms_in_any_case_and_bare(text: str, found: str | None) -> None:
    normal = normal_form(text)
    assert [normal[a:b] for a, b in find_pseudonyms(text)] == ([found] if found else [])


@pytest.mark.parametrize(("new", "needle", "masked"), [
    (f"{LOCATION}  # 学员 ３２０１２４１９８８０８２４００５６", "# 学员", "3201**********0056"),
    (f"{LOCATION}（320124 19880824 0056）", "location:", "3201**********0056"),
    (f"{LOCATION}  # 320124880824005", "# 3201", "3201*******4005"),
    (f"{LOCATION}  # 学员 138.1234.5678", "# 学员", "138****5678"),
    (f"{LOCATION}  # ＋８６ １３８ １２３４ ５６７８", "# ＋８６", "138****5678"),
])
def test_disguised_identifiers_in_records(world: World, new: str, needle: str, masked: str) -> None:
    _replace(world, CLASS, LOCATION, new)
    one_finding(world, "PII", CLASS, needle, masked)


# -- the corpora: every disguise caught, no innocent string flagged -------------------------------

def test_disguise_and_innocent_corpora() -> None:
    """bench/pii_corpus.py (`python -m bench.pii_corpus 100000` for the full count)."""
    rng = random.Random(2026)
    missed = [text for _kind, text in pii_corpus.disguised_corpus(rng, 4000) if not pii_corpus.flagged(text)]
    false = [(kind, text) for kind, text in pii_corpus.innocent_corpus(rng, 4000) if pii_corpus.flagged(text)]
    assert missed == [] and false == []


# Hypothesis draws its examples from a seed: pinned here, so that the normal suite is the same run
# every time (issue 31: a random seed made CI fail by chance); the wide search over 1,000 seeds is
# the slow test below.
PINNED_SEED = 31


def _disguise_is_caught(rng: random.Random, kind: str) -> None:
    number = pii_corpus.mobile(rng) if kind == "mobile" else pii_corpus.resident_id(rng, old=kind == "ric15")
    text = pii_corpus.disguise(rng, number, is_mobile=kind == "mobile")
    digits = number.upper() if kind != "mobile" else number
    assert digits in [i.digits for i in find_identifiers(text)], text


_INNOCENT_KINDS = st.sampled_from([generate for _name, generate in pii_corpus.INNOCENT])
JOINTS = pii_corpus.JOINTS


def _innocent_is_not_flagged(rng: random.Random, kinds: list[Any], joint: str) -> None:
    text = joint.join(generate(rng) for generate in kinds)
    assert not pii_corpus.flagged(text), text


def _property(check: Callable[..., None], *strategies: Any, at: int, examples: int = 300) -> Callable[[], None]:
    return seed(at)(settings(max_examples=examples, deadline=None, database=None)(given(*strategies)(check)))


_DISGUISES = (st.randoms(use_true_random=False), st.sampled_from(["ric", "ric15", "mobile"]))
_INNOCENTS = (st.randoms(use_true_random=False), st.lists(_INNOCENT_KINDS, min_size=1, max_size=4),
              st.sampled_from(JOINTS))


def test_hypothesis_disguises_of_valid_numbers_are_caught() -> None:
    _property(_disguise_is_caught, *_DISGUISES, at=PINNED_SEED)()


def test_hypothesis_innocent_strings_are_not_flagged() -> None:
    _property(_innocent_is_not_flagged, *_INNOCENTS, at=PINNED_SEED)()


WIDE_SEEDS = range(1000)
WIDE_CHUNKS = 10


def _wide(check: Callable[..., None], strategies: tuple[Any, ...], chunk: int, examples: int) -> list[tuple[int, str]]:
    failed = []
    for at in WIDE_SEEDS[chunk::WIDE_CHUNKS]:
        try:
            _property(check, *strategies, at=at, examples=examples)()
        except AssertionError as exc:
            failed.append((at, str(exc).splitlines()[0]))
    return failed


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(WIDE_CHUNKS))
def test_hypothesis_innocent_strings_over_a_thousand_seeds(chunk: int) -> None:
    """Issue 31's wide search, kept: the property over seeds 0-999 (a tenth per test, 100 examples
    each; the once-off run at 300 examples is in bench/RESULTS.md), every one clean."""
    assert _wide(_innocent_is_not_flagged, _INNOCENTS, chunk, 100) == []


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(WIDE_CHUNKS))
def test_hypothesis_disguises_over_a_thousand_seeds(chunk: int) -> None:
    assert _wide(_disguise_is_caught, _DISGUISES, chunk, 100) == []


# -- validate reads what the build publishes (issue 24) -----------------------------------------

PSEUDONYM = "p_1abf46952bc24580ef9e29d5"


def _first_person(world: World) -> str:
    return str(world.load(CLASS)["trainees"][0]["person"])


@pytest.mark.parametrize(("new", "needle"), [
    (f"{LOCATION}  # 学员 {PSEUDONYM}", "# 学员"),  # a comment
    (f"{LOCATION}（{PSEUDONYM.upper()}）", "location:"),  # a free-text field, upper case
    (f"{LOCATION} 1abf46952bc24580ef9e29d5", "location:"),  # bare
    (f"{LOCATION} p\u2063_1abf46952bc24580ef9e29d5", "location:"),  # an invisible character inside
])
def test_pseudonym_in_free_text(world: World, new: str, needle: str) -> None:
    _replace(world, CLASS, LOCATION, new)
    f = one_finding(world, "PII", CLASS, needle, "假名", "person")
    assert "1abf46952bc24580ef9e29d5" not in f.message


def test_pseudonym_of_a_trainee_in_a_comment_of_its_own_class(world: World) -> None:
    person = _first_person(world)
    _replace(world, CLASS, LOCATION, f"{LOCATION}  # 第一名学员 {person}")
    one_finding(world, "PII", CLASS, "# 第一名学员", "假名")


def test_pseudonym_as_a_key_inside_a_block_scalar(world: World) -> None:
    """A line that looks like `person: p_…` inside a multi-line string is text the site shows."""
    _replace(world, CLASS, LOCATION, f"location: |\n  实训楼\n  person: {PSEUDONYM}")
    one_finding(world, "PII", CLASS, f"  person: {PSEUDONYM}", "假名")


def test_pseudonyms_where_they_belong_are_no_finding(world: World) -> None:
    text = world.path(CLASS).read_text(encoding="utf-8")
    assert text.count("person: p_") >= 2
    no_finding(world, "PII")


@pytest.mark.parametrize(("value", "masked"), [
    ('"\\x31\\x33\\x38\\x31\\x32\\x33\\x34\\x35\\x36\\x37\\x38"', "138****5678"),  # YAML escapes
    ('"138\\u20631234\\u20635678"', "138****5678"),
    ('"320124198808240\\x3056"', "3201**********0056"),
])
def test_identifiers_behind_yaml_escapes(world: World, value: str, masked: str) -> None:
    _replace(world, CLASS, LOCATION, f"location: {value}")
    one_finding(world, "PII", CLASS, "location:", masked)


def test_pseudonym_copied_by_an_alias(world: World) -> None:
    person = _first_person(world)
    text = world.path(CLASS).read_text(encoding="utf-8")
    text = text.replace(f"person: {person}", f"person: &who {person}", 1).replace(LOCATION, "location: *who", 1)
    world.write(CLASS, text)
    found = world.findings("PII", AS_OF)
    assert [f.message for f in found if "假名" in f.message], [f.as_dict() for f in found]


def test_long_line_of_numbers_is_linear() -> None:
    """Issue 24: a line of many numbers costs its length, not its length times its hits (the
    timing is in bench/; here only that every hit is found on line 1)."""
    from generator.rules.pii import scan_text

    text = "location: " + " ".join(["13812345678"] * 2000) + "\n"
    result = scan_text("classes/2026/P2026-001-01.yaml", text)
    assert len(result.hits) == 2000 and {line for line, _message in result.hits} == {1}


# -- a YAML syntax error is reported alone (issue 25.11) -----------------------------------------

@pytest.mark.parametrize(("old", "new"), [
    # after the contact block: an unclosed quote in the description
    (GOALS, 'goals: "培训 20 人，取得四级证书'),
    # before it: a mapping where the parser expected a plain value
    ("district: 滨湖区\n", "district: 滨湖区\n  - 新吴区: [\n"),
    # at the phone's own line
    ("  email: office@example.cn\n", "  email: office@example.cn\n  : :\n"),
])
def test_a_syntax_error_is_reported_alone_not_the_contact_phone(world: World, old: str, new: str) -> None:
    world.edit(APPLICATION, _phone(MOBILE))
    _replace(world, APPLICATION, old, new)
    found = [f for f in world.validate().findings if f.path == world.display(APPLICATION)]
    assert [f.rule for f in found] == ["SCHEMA"], [f.as_dict() for f in found]


def test_identifiers_on_lines_the_parser_placed_are_still_reported(world: World) -> None:
    """Before the syntax error the parser knows where it is: a resident ID in a comment there is PII."""
    _replace(world, APPLICATION, "district: 滨湖区\n", f"district: 滨湖区  # 联系人 {VALID_ID}\n")
    _replace(world, APPLICATION, GOALS, 'goals: "培训 20 人，取得四级证书')
    found = world.findings("PII")
    assert len(found) == 1 and "3201**********0056" in found[0].message
    assert found[0].line == 5
