"""The PII guard's two corpora: disguised personal identifiers (all must be caught) and innocent
strings of the kinds our records and outputs are full of (none may be flagged).

`python -m bench.pii_corpus [N]` prints how many of N disguised identifiers were caught and how
many of N innocent strings were flagged (the false positives), with the scan rate; the tests
assert the same on a smaller N (tests/rules/test_pii.py). `python -m bench.pii_corpus --seeds
1000` runs the innocent property test's draws over seeds 0-999 (issue 31), without Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Callable

from stdnum.cn import ric, uscc

from generator.rules.pii import MAINLAND, PROVINCES, find_identifiers, find_pseudonyms

FULL_WIDTH = {ord(c): chr(ord(c) - 0x30 + 0xFF10) for c in "0123456789"} | {ord("X"): "Ｘ", ord("x"): "ｘ"}
# joiners (any grouping), blanks and other separators (the groupings people use: see
# generator/rules/piiform.py), invisible characters (dropped by the normal form: any grouping)
SEPARATORS = [" ", "-", ".", "\u3000", "－", "．", "\u00a0", "\u200b", " - ", "_", "·", "—", "\u2009", "  ",
              "/", ",", "、", "*", ":", "+", "／", "    ", " / ", "|", "，", "\u2063", "\u034f", "\ufe0f", "\u00ad",
              "\u2060\u200d", "\n  "]
JOINING = frozenset("-.－．_·—")
INVISIBLE = ("\u200b", "\u2063", "\u034f", "\ufe0f", "\u00ad", "\u2060\u200d")
CONTEXTS = ["{}", "学员{}家中", "身份证：{}。", "# 张三 {}", "联系电话 {}，", "(备注 {})", "id={}&x=1", "“{}”"]


def resident_id(rng: random.Random, *, old: bool = False) -> str:
    """A valid resident-ID number: an 18-digit one with its check character, or a 15-digit one."""
    province = rng.choice(sorted(MAINLAND if old else PROVINCES - {"91", "92", "93", "94", "95", "96"}))
    area = f"{province}{rng.randrange(100):02d}{rng.randrange(100):02d}"
    born = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(36500 if old else 45000))
    if old:
        return f"{area}{born:%y%m%d}{rng.randrange(1000):03d}"
    body = f"{area}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # it ignores the last character


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def _split(rng: random.Random, digits: str, usual: bool) -> list[str]:
    """Groups as people write them: any sizes with a hyphen or dot (or an invisible character),
    the usual groupings (or digit by digit) with blanks and other separators, where figures in a
    row are no number (generator.rules.piiform)."""
    if usual:
        return [digits[i:i + 1] for i in range(len(digits))] if rng.random() < 0.2 else _usual(rng, digits)
    if rng.random() < 0.3:
        sizes = {11: [3, 4, 4], 15: [6, 6, 3], 18: [6, 8, 4]}[len(digits)]
    else:
        sizes, left = [], len(digits)
        while left:
            sizes.append(min(left, rng.randint(1, 6)))
            left -= sizes[-1]
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at:at + size])
        at += size
    return parts


def _usual(rng: random.Random, digits: str) -> list[str]:
    usual = {11: [[3, 4, 4], [4, 4, 3]], 15: [[6, 6, 3], [6, 9]], 18: [[6, 8, 4], [6, 4, 4, 4]]}
    sizes = rng.choice(usual[len(digits)])
    return [digits[sum(sizes[:i]):sum(sizes[:i + 1])] for i in range(len(sizes))]


def disguise(rng: random.Random, number: str, *, is_mobile: bool) -> str:
    """`number` as someone hiding it might write it: split by one separator, full-width digits in
    part or whole, an x in either case, +86 or 0086 before a mobile, inside some text."""
    text = number.lower() if number.endswith("X") and rng.random() < 0.5 else number
    if rng.random() < 0.7:
        sep = rng.choice(SEPARATORS)
        joined = sep in INVISIBLE or (any(c in JOINING for c in sep) and all(c in JOINING or c.isspace() for c in sep))
        text = sep.join(_split(rng, text, not joined))
    if rng.random() < 0.5:
        cut = rng.randrange(len(text) + 1)
        text = text[:cut].translate(FULL_WIDTH) + text[cut:] if rng.random() < 0.5 else text.translate(FULL_WIDTH)
    if is_mobile and rng.random() < 0.4:
        text = rng.choice(["+86 ", "+86-", "0086 ", "86", "＋８６ ", "(+86)"]) + text
    return rng.choice(CONTEXTS).format(text)


def pseudonym_disguise(rng: random.Random) -> str:
    digest = "".join(rng.choice("0123456789abcdef") for _ in range(24))
    form = rng.choice([f"p_{digest}", f"P_{digest.upper()}", f"c_{digest.upper()}", digest, digest.upper(),
                       "ｐ＿" + digest, f"p_{digest}".translate(FULL_WIDTH)])
    return rng.choice(CONTEXTS).format(form)


def _date(rng: random.Random) -> dt.date:
    return dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(3000))


INNOCENT: list[tuple[str, Callable[[random.Random], str]]] = [
    ("date", lambda r: f"{_date(r)}"),
    ("dates", lambda r: " ".join(f"{_date(r)}" for _ in range(r.randint(2, 6)))),
    ("date range", lambda r: f"{_date(r)} 至 {_date(r)}"),
    ("date-time", lambda r: f"{_date(r)}T{r.randrange(24):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}+08:00"),
    ("compact date", lambda r: f"{_date(r):%Y%m%d}{r.randrange(10**6):06d}"),
    ("time", lambda r: f"{r.randrange(24):02d}:{r.randrange(60):02d}"),
    ("amount", lambda r: f"{r.randrange(10**7)}.{r.randrange(100):02d}"),
    ("amounts", lambda r: " ".join(f"{r.randrange(10**6)}.{r.randrange(100):02d}" for _ in range(r.randint(2, 8)))),
    ("amount with commas", lambda r: f"{r.randrange(10**9):,}.{r.randrange(100):02d} 元"),
    ("table row", lambda r: " ".join(str(r.randrange(200)) for _ in range(r.randint(4, 12)))),
    ("catalog code", lambda r: f"{r.randint(1, 8)}-{r.randrange(100):02d}-{r.randrange(100):02d}-"
                               f"{r.randrange(100):02d}"),
    ("catalog codes", lambda r: " ".join(f"{r.randint(1, 8)}-{r.randrange(100):02d}-{r.randrange(100):02d}-"
                                         f"{r.randrange(100):02d}" for _ in range(r.randint(2, 5)))),
    ("USCC", lambda r: _uscc(r)),
    ("numeric USCC", lambda r: _uscc(r, numeric=True)),
    ("landline", lambda r: f"0510-{r.choice('5678')}{r.randrange(10**7):07d}"),
    ("landline spaced", lambda r: f"0510 {r.choice('5678')}{r.randrange(10**3):03d} {r.randrange(10**4):04d}"),
    ("landline with +86", lambda r: f"+86 510 {r.choice('5678')}{r.randrange(10**7):07d}"),
    ("hotline", lambda r: f"{r.choice(['12333', '400-', '800-'])}{r.randrange(10**7):07d}"),
    ("certificate number", lambda r: f"{r.choice(['S', 'Y', ''])}{r.randrange(10**6):06d}"
                                     f"{_date(r):%Y}{r.randrange(10**6):06d}"),
    ("contract number", lambda r: f"WXRS-{_date(r):%Y}-{r.randrange(1000):03d}"),
    ("Git SHA", lambda r: "".join(r.choice("0123456789abcdef") for _ in range(40))),
    ("SHA-256", lambda r: "".join(r.choice("0123456789abcdef") for _ in range(64))),
    ("short SHA", lambda r: _short_sha(r)),
    ("record id", lambda r: f"P{r.randint(2020, 2036)}-{r.randrange(1000):03d}-{r.randrange(100):02d}"),
    ("record ids", lambda r: " ".join(f"P{r.randint(2020, 2036)}-{r.randrange(1000):03d}-{r.randrange(100):02d}"
                                      for _ in range(r.randint(2, 5)))),
    ("voucher", lambda r: f"记-{_date(r):%Y%m}-{r.randrange(10**4):04d}"),
    ("version", lambda r: f"{r.randrange(10)}.{r.randrange(100)}.{r.randrange(100)}"),
    ("percentages", lambda r: " ".join(f"{r.randrange(100)}.{r.randrange(10)}%" for _ in range(r.randint(2, 6)))),
    ("svg path", lambda r: "M" + " ".join(f"{r.randrange(24)}.{r.randrange(100)}-{r.randrange(24)}.{r.randrange(10)}"
                                          for _ in range(r.randint(3, 10)))),
    # issue 31: tokens each complete on its own, side by side
    ("USCCs side by side", lambda r: r.choice(LISTS).join(_uscc(r) for _ in range(r.randint(2, 4)))),
    ("numeric USCCs side by side", lambda r: r.choice(LISTS).join(_uscc(r, numeric=True) for _ in range(2))),
    ("voucher and amount", lambda r: f"记-{_date(r):%Y%m}-{r.randrange(10**4):04d} {_amount(r)}"),
    ("dates and counts", lambda r: f"{_date(r)} {r.randrange(1, 2000)} {r.randrange(1, 200)} {_amount(r)}"),
    ("reference and amounts", lambda r: f"P{r.randint(2020, 2036)}-{r.randrange(1000):03d}-{r.randrange(100):02d} "
                                        f"{r.randrange(1, 100)} {_amount(r)} {_amount(r)}"),
    # issue 24: the same kinds written with any separator
    ("address", lambda r: f"无锡市{r.choice(['梁溪区', '新吴区', '滨湖区'])}{r.choice(['中山路', '太湖大道'])}"
                          f"{r.randrange(1, 2000)}{r.choice(['号', '-', '/', '—'])}{r.randrange(1, 40)}"
                          f"{r.choice(['幢', '-', '/'])}{r.randrange(101, 3000)}{r.choice(['室', ''])}"),
    ("address numbers", lambda r: r.choice(["/", "-", "、", " ", "－"]).join(
        [str(r.randrange(1, 3000)), str(r.randrange(1, 40)), str(r.randrange(101, 3000))])),
    ("amounts any separator", lambda r: r.choice(LISTS).join(_amount(r) for _ in range(r.randint(2, 6)))),
    ("amounts grouped", lambda r: r.choice(LISTS).join(f"{r.randrange(10**8):,}.{r.randrange(100):02d}"
                                                       for _ in range(r.randint(2, 4)))),
    ("dates any separator", lambda r: r.choice(LISTS).join(
        f"{_date(r):%Y}{sep}{_date(r):%m}{sep}{_date(r):%d}" for sep in [r.choice(["/", ".", "-", "／"])] * 3)),
    ("date and time", lambda r: f"{_date(r):%Y/%m/%d} {r.randrange(24):02d}:{r.randrange(60):02d}:"
                                f"{r.randrange(60):02d}"),
    ("catalog codes any separator", lambda r: r.choice(LISTS).join(
        f"{r.randint(1, 8)}-{r.randrange(100):02d}-{r.randrange(100):02d}-{r.randrange(100):02d}"
        for _ in range(r.randint(2, 4)))),
    ("landline any separator", lambda r: f"0510{r.choice(['/', '    ', ':', '、', ') '])}{r.choice('5678')}"
                                         f"{r.randrange(10**3):03d}{r.choice(['/', ' ', ''])}{r.randrange(10**4):04d}"),
    ("landline with area code apart", lambda r: f"(0510) {r.choice('5678')}{r.randrange(10**7):07d}"),
    ("counts in a row", lambda r: r.choice(LISTS).join(str(r.randrange(1, 1000)) for _ in range(r.randint(3, 10)))),
    ("ratio", lambda r: f"{r.randrange(1, 100)}:{r.randrange(1, 10**4)}"),
]
LISTS = [" ", "、", "/", "，", " | ", ", ", "    ", "；", "\n"]


def _short_sha(rng: random.Random) -> str:
    """An abbreviated commit id with a letter in it: one made of digits alone is a number as far as
    anyone reading it can tell (1 in 180 of them; a mobile-shaped one is flagged, rightly)."""
    while True:
        sha = "".join(rng.choice("0123456789abcdef") for _ in range(rng.randint(7, 12)))
        if not sha.isdigit():
            return sha


def _amount(rng: random.Random) -> str:
    return f"{rng.randrange(10**7)}.{rng.randrange(100):02d}"


def _uscc(rng: random.Random, *, numeric: bool = False) -> str:
    chars = "0123456789" if numeric else "0123456789ABCDEFGHJKLMNPQRTUWXY"
    # the registration authority's code: Wuxi and its districts (GB/T 2260)
    district = rng.choice(["00", "05", "06", "11", "13", "14", "81", "82"])
    body = rng.choice(["91", "52", "12", "11"]) + "3202" + district + "".join(
        rng.choice(chars) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def flagged(text: str) -> bool:
    return bool(find_identifiers(text) or find_pseudonyms(text))


def disguised_corpus(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(kind, text) for `n` disguised identifiers: 18- and 15-digit IDs, mobiles, pseudonyms."""
    out = []
    for i in range(n):
        kind = ("ric", "ric15", "mobile", "pseudonym")[i % 4]
        if kind == "pseudonym":
            out.append((kind, pseudonym_disguise(rng)))
        elif kind == "mobile":
            out.append((kind, disguise(rng, mobile(rng), is_mobile=True)))
        else:
            out.append((kind, disguise(rng, resident_id(rng, old=kind == "ric15"), is_mobile=False)))
    return out


def innocent_corpus(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(kind, text) for `n` innocent strings, the kinds in turn."""
    return [(INNOCENT[i % len(INNOCENT)][0], INNOCENT[i % len(INNOCENT)][1](rng)) for i in range(n)]


# what joins the property test's strings: the ways a list of things is written. Not a slash: it
# joins the parts of one thing (a date, an address, a number), and between two unrelated strings it
# writes one (Hypothesis found "0 0 0 130" + "/" + "0510/5000 0000": 130/0510/5000 is a mobile)
JOINTS = [" ", "，", "\n", " | ", "、", ", ", "    ", "；"]


def property_seeds(seeds: range, examples: int = 300) -> list[tuple[int, str]]:
    """The innocent property of tests/rules/test_pii.py drawn without Hypothesis (whose own draws
    cost twenty times the scan): per seed, `examples` texts of one to four innocent kinds joined
    by one of JOINTS; returns (seed, text) for every text flagged."""
    flagged_texts = []
    for at in seeds:
        rng = random.Random(at)
        for _ in range(examples):
            kinds = [rng.choice(INNOCENT)[1] for _ in range(rng.randint(1, 4))]
            text = rng.choice(JOINTS).join(generate(rng) for generate in kinds)
            if flagged(text):
                flagged_texts.append((at, text))
    return flagged_texts


def main() -> None:
    if sys.argv[1:2] == ["--seeds"]:
        seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
        start = time.process_time()
        found = property_seeds(range(seeds))
        print(f"innocent property over seeds 0-{seeds - 1} (300 texts each): {len(found)} flagged, "
              f"{time.process_time() - start:.0f} s CPU")
        for at, text in found[:20]:
            print(f"  seed {at}: {text!r}")
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(13)
    bad = disguised_corpus(rng, n)
    good = innocent_corpus(rng, n)
    start = time.perf_counter()
    missed = [(kind, text) for kind, text in bad if not flagged(text)]
    false = [(kind, text) for kind, text in good if flagged(text)]
    took = time.perf_counter() - start
    print(f"disguised identifiers: {n - len(missed)} of {n} caught")
    print(f"innocent strings: {len(false)} of {n} flagged (false positives)")
    for kind, text in (missed + false)[:20]:
        print(f"  {kind}: {text!r}")
    print(f"{2 * n} strings in {took:.2f} s")


if __name__ == "__main__":
    main()
