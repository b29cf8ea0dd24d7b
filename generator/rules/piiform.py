"""The PII normal form and the identifier scan: one reading of text for validate and every output guard.

Whatever the PII rule refuses in a record, the output guard refuses in a page, a search index or a
download, and the other way round, because both read text the same way (docs/privacy.md):

1. **Normal form** (`normal_form`). Characters nobody sees are dropped: Unicode's
   Default_Ignorable_Code_Point, every format character (category Cf: zero-width spaces and
   joiners, U+2063 INVISIBLE SEPARATOR, bidirectional controls, the BOM), variation selectors, the
   combining grapheme joiner, Hangul fillers and control characters other than tab, newline and
   carriage return (`IGNORABLE`). What people type instead of digits and Latin letters (full-width
   ０-９ and Ｘ, circled ①, super- and subscripts, mathematical 𝟏, ligatures) becomes what NFKC
   makes of it, and the digits of every other script (Arabic-Indic ٠-٩, Devanagari ०-९, ...: NFKC
   leaves them alone, but a number is the same number in them) become 0-9. Newlines are kept, so
   a position's line is the same in both texts.
2. **Chains.** Digit groups separated by runs of characters that are no letter or digit of any
   script (spaces of any kind and number, line breaks, punctuation, symbols) form a chain; a
   letter or an ideograph ends it. Inside a chain, a *candidate* is a stretch of whole groups
   joined by one and the same separator (after a leading 86 or 0086, which may stand apart).
3. **Which candidates are numbers.** A candidate is reported when its digits are, as a whole, an
   18-digit resident ID (GB 11643-1999 check character, a birth date, a province code), an old
   15-digit ID (province code and a birth date in 19YY), or a mobile number with or without
   86/0086; and when it is written as people write one number, never as two tokens each complete
   on its own (issue 31):
   - the grouping fits the separator (`GROUPINGS`): hyphens, dots, dashes and underscores join
     groups of any size; blanks, line breaks and every other separator (`/ , 、 * : +` ...) join
     only the groupings people use (a mobile as 3-4-4 or 4-4-3, an old ID as 6-6-3 or 6-9, an ID
     as 6-8-4 or 6-4-4-4, any of them digit by digit): figures in a row (a table's cells in a
     search index, 113 197 196 103 195 104) pass a check character by chance once in some
     50,000 rows, and 1300 1000000 is a count beside an amount;
   - a mobile or an old ID stands apart: its neighbours in the chain are joined to it otherwise
     than its own groups are (第5 13812345678), and never by a tighter separator than its own
     (in 记-202001-1300 1000000.00 the blank between 1300 and 1000000 does not join a dated
     reference to an amount); an 18-digit ID is reported wherever it stands;
   - a mobile or an old ID is no part of a word: digits glued to a Latin (Greek, Cyrillic, ...)
     letter belong to a code (91320200000000B133 91320200A00000000U are two USCCs, not the
     mobile 133 9132 0200); a checked 18-digit ID is reported glued or not;
   - a single run of digits inside a hexadecimal token of 24 or more characters (a hash, a
     pseudonym) is chance, not a number.
4. **Pseudonyms** (`find_pseudonyms`): p_ or c_ and 24 hex digits in any case, or a bare run of
   exactly 24 hex digits with no Latin letter or digit on either side.

Everything is linear in the length of the text and the number of hits: the chains are found by one
possessive regular expression, a hexadecimal token is measured once for all the runs inside it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

_COMPAT_RANGES = ((0xA0, 0x2C0), (0x2000, 0x2500), (0x3000, 0x3001), (0x3200, 0x3400), (0xFB00, 0xFB07),
                  (0xFE50, 0xFE70), (0xFF00, 0xFFF0), (0x1D400, 0x1D800), (0x1F100, 0x1F200), (0x1FBF0, 0x1FBFA))
# what NFKC must produce for a character to matter: a digit, a Latin letter or the pseudonyms' `_`
_RELEVANT = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")

# Dropped by the normal form: Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties), every
# format character (Cf), and the control characters (Cc) but tab, newline and carriage return, for
# this Python's Unicode database; a test keeps the list equal to what `unicodedata` says.
IGNORABLE = (
    (0x0, 0x8), (0xB, 0xC), (0xE, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x34F, 0x34F), (0x600, 0x605),
    (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F),
    (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
# Default_Ignorable_Code_Point outside Cf (DerivedCoreProperties.txt), the rest of IGNORABLE is computed
DEFAULT_IGNORABLE_NOT_CF = ((0x34F, 0x34F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180D), (0x180F, 0x180F),
                            (0x2065, 0x2065), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0),
                            (0xFFF0, 0xFFF8), (0xE0000, 0xE0000), (0xE0002, 0xE001F), (0xE0080, 0xE0FFF))

# The zero of every decimal digit system outside ASCII (Unicode category Nd; each system is ten
# consecutive code points, zero first), for Python's Unicode database; a test keeps this list equal
# to what `unicodedata` says, so a newer Python with new scripts fails loudly instead of missing them.
DIGIT_ZEROS = (
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0,
    0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50,
    0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0,
    0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50,
    0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140,
    0x1E2F0, 0x1E950, 0x1FBF0,
)

# Separators that join the groups of one number whatever their sizes (with blanks around them or
# not): hyphens, dashes and minus signs, dots and leaders, underscores, middle dots
JOINERS = frozenset("-._\u00b7\u2010\u2011\u2012\u2013\u2014\u2015\u2022\u2024\u2025\u2026\u2027\u2043\u2212"
                    "\u3002\u30fb\ufe31\ufe32\ufe52\ufe58\ufe63\uff0d\uff0e\uff3f\uff61\uff65")
JOIN, OTHER, BLANK = 0, 1, 2  # separator classes, tightest first
GROUPINGS: dict[tuple[int, str], frozenset[tuple[int, ...]] | None] = {
    # (class, kind) -> the group sizes that count, None for any
    (BLANK, "mobile"): frozenset({(3, 4, 4), (4, 4, 3), (1,) * 11}),
    (BLANK, "old"): frozenset({(6, 6, 3), (6, 9), (1,) * 15}),
    (BLANK, "ric"): frozenset({(6, 8, 4), (6, 4, 4, 4), (6, 8, 3, 1), (6, 4, 4, 3, 1), (1,) * 18}),
    (OTHER, "mobile"): frozenset({(3, 4, 4), (4, 4, 3), (1,) * 11}),
    (OTHER, "old"): frozenset({(6, 6, 3), (6, 9), (1,) * 15}),
    (OTHER, "ric"): frozenset({(6, 8, 4), (6, 4, 4, 4), (6, 8, 3, 1), (6, 4, 4, 3, 1), (1,) * 18}),
}

# a chain: digits joined by runs of anything that is no letter or digit; possessive, so a run is
# never given back (linear: a failed start is retried only from the next digit)
_CHAIN = re.compile(r"[0-9](?:[\W_]*+[0-9]){10,}+(?:[\W_]*+[Xx](?![0-9A-Za-z]))?")
_GROUP = re.compile(r"[0-9]+[Xx]?|[Xx]")
_MOBILE = re.compile(r"(?:0086|86)?(1[3-9][0-9]{9})")
# hashes and pseudonyms: long hexadecimal tokens in which a run of digits is chance, not a number
_HEX = frozenset("0123456789abcdefABCDEF")
HEX_TOKEN_MIN = 24
# the first two digits: a mainland province (the only ones in a 15-digit ID), Taiwan, and on the
# residence permits of Hong Kong, Macao and Taiwan residents (81-83) and foreigners' permanent
# residence ID cards (9 and the province)
MAINLAND = frozenset({"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
                      "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
                      "65"})
PROVINCES = MAINLAND | {"71", "81", "82", "83", "91", "92", "93", "94", "95", "96"}
# a keyed pseudonym: p_ or c_ and 24 hex digits in any case, or a bare run of exactly 24 hex digits
# with no Latin letter or digit on either side (a Git SHA has 40, a SHA-256 64: neither is such a
# run); found as maximal runs of 24 or more hex digits, which the regex engine finds fast
_HEX_RUN = re.compile(r"[0-9a-fA-F]{24,}+")
# the quick test first: bytes mapped to h (hex digit) or . (anything else, every byte of a
# multibyte character included) and searched for 24 h's, five times faster than the regex
_HEX_BYTES = bytes(0x68 if chr(b) in "0123456789abcdefABCDEF" else 0x2E for b in range(256))
_HEX_NEEDLE = b"h" * 24
_PREFIXES = frozenset({"p_", "P_", "c_", "C_"})
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# letters of scripts that separate words with spaces: a digit glued to one is part of a code
_IDEOGRAPHIC_FROM = 0x2E80


def _char_class(codepoints: list[int]) -> str:
    """A regex character class of `codepoints` as ranges of consecutive code points."""
    ranges: list[list[int]] = []
    for cp in sorted(codepoints):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"


@functools.cache
def _compat() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The characters the normal form replaces or drops (computed once, on first use), as two
    patterns, those in the Basic Multilingual Plane and those above it (the regex engine searches
    a class of the first kind with a table, but tries the ranges of a mixed class one by one: 300
    times slower), and what each becomes ("" for a dropped one)."""
    table: dict[str, str] = {}
    for low, high in _COMPAT_RANGES:
        for cp in range(low, high):
            char = chr(cp)
            form = unicodedata.normalize("NFKC", char)
            if form != char and not _RELEVANT.isdisjoint(form):
                table[char] = form
    for zero in DIGIT_ZEROS:
        for value in range(10):
            table.setdefault(chr(zero + value), str(value))
    for low, high in IGNORABLE:
        for cp in range(low, high + 1):
            table[chr(cp)] = ""
    bmp = [ord(c) for c in table if ord(c) < 0x10000]
    astral = [ord(c) for c in table if ord(c) >= 0x10000]
    return re.compile(_char_class(bmp)), re.compile(_char_class(astral)), table


def normal_form(text: str) -> str:
    """`text` as the PII scan reads it: invisible characters dropped, compatibility characters
    whose NFKC form holds a digit, a Latin letter or `_` replaced by that form, other scripts'
    digits as 0-9; the same object when there is nothing to change (the usual case, found by a
    table search). Newlines are untouched, so line numbers are the same in both.

    The one public normal form: whoever compares text with what the PII scan saw (a certificate
    number, a phone number) normalises it with this."""
    bmp, astral, table = _compat()
    if bmp.search(text) is not None:
        text = bmp.sub(lambda m: table[m.group()], text)
    if _ASTRAL.search(text) is not None and astral.search(text) is not None:
        text = astral.sub(lambda m: table[m.group()], text)
    return text


def digits_of(text: str) -> str:
    """The digits (and a final X) of `text` in the normal form, everything else dropped: a number
    as the scan compares it, whatever it was written with."""
    return re.sub(r"[^0-9X]", "", normal_form(text).upper())


@dataclass(frozen=True)
class Identifier:
    start: int  # in `normal_form(text)`
    end: int
    kind: str  # "ric" or "mobile"
    digits: str


@functools.lru_cache(maxsize=4096)
def is_resident_id(candidate: str) -> bool:
    """The check character of GB 11643-1999, a real birth date (which rules out most other
    18-digit codes, e.g. a numeric USCC) and a province code."""
    number = candidate.upper()
    if number[:2] not in PROVINCES:
        return False
    try:
        if ric.calc_check_digit(number) != number[-1]:
            return False
        born = ric.get_birth_date(number)
    except (ValidationError, ValueError):
        return False
    return 1900 <= born.year <= 2099


@functools.lru_cache(maxsize=4096)
def is_old_resident_id(number: str) -> bool:
    """A 15-digit ID (issued before 1999): province code, then area, then the birth date as YYMMDD
    in the 1900s, then a sequence number; it has no check character."""
    if len(number) != 15 or not number.isdigit() or number[:2] not in MAINLAND:
        return False
    try:
        dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class _Group:
    start: int
    end: int
    digits: str
    gap: str  # the separator before it ("" for the first group of a chain)


def separator_class(gap: str) -> int:
    """JOIN for hyphens, dots, dashes and underscores (blanks around them allowed), BLANK for
    blanks and line breaks alone, OTHER for anything else."""
    if gap.isspace():
        return BLANK
    return JOIN if all(c in JOINERS or c.isspace() for c in gap) else OTHER


def _glued(char: str) -> bool:
    """Whether a digit next to `char` is part of a word (a letter of a script written with spaces)."""
    return char.isalpha() and ord(char) < _IDEOGRAPHIC_FROM


class _Scan:
    """One scan of one normal text: the hexadecimal token last measured is remembered, so that
    many runs of digits inside one long token cost one pass over it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._hex = (-1, -1)

    def in_hex_token(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies in a run of HEX_TOKEN_MIN or more hexadecimal digits."""
        text = self.text
        if not text[start:end].isascii():
            return False
        left, right = self._hex
        if not left <= start < right:
            left, right = start, end
            while left > 0 and text[left - 1] in _HEX:
                left -= 1
            while right < len(text) and text[right] in _HEX:
                right += 1
            self._hex = (left, right)
        return right - left >= HEX_TOKEN_MIN

    def chain(self, run: re.Match[str]) -> Iterator[Identifier]:
        raw, base = run.group(), run.start()
        if raw.isascii() and raw.isalnum():
            groups = [_Group(run.start(), run.end(), raw.upper(), "")]
        else:
            groups, previous = [], 0
            for g in _GROUP.finditer(raw):
                groups.append(_Group(base + g.start(), base + g.end(), g.group().upper(), raw[previous:g.start()]))
                previous = g.end()
        text = self.text
        glued_left = run.start() > 0 and _glued(text[run.start() - 1])
        glued_right = run.end() < len(text) and _glued(text[run.end()])
        if len(groups) > 2 and groups[-1].digits == "X" and groups[-1].gap != groups[-2].gap:
            groups.pop()  # an x after another separator is a word of its own (…5039&x=1), no check character
            glued_right = False
        found: list[Identifier] = []
        if _consistent(groups):
            found = list(self.whole(groups, glued_left or glued_right))
        if found:
            yield from found
        elif len(groups) > 1:
            yield from self.inside(groups, glued_left, glued_right)

    def whole(self, groups: list[_Group], glued: bool) -> Iterator[Identifier]:
        """The identifier that these consistently joined groups are as a whole, if any (`glued`:
        they touch a letter, as part of a code: only a checked 18-digit ID is one then)."""
        number = "".join(g.digits for g in groups)
        start, end = groups[0].start, groups[-1].end
        plain = len(groups) == 1
        if len(number) == 18 and is_resident_id(number):
            if plain or _fits(groups, "ric"):
                yield Identifier(start, end, "ric", number)
            return
        if number[-1] == "X":
            return  # only a resident ID ends in X
        mobile = _MOBILE.fullmatch(number)
        old = mobile is None and is_old_resident_id(number)
        if (mobile is None and not old) or glued:
            return
        if plain and self.in_hex_token(start, end):
            return  # digits inside a hash or a pseudonym
        if not plain and not _fits(groups, "mobile" if mobile else "old"):
            return  # figures in a row (a table's cells): 193 121 196 18 is no mobile
        if mobile is not None:
            yield Identifier(start, end, "mobile", mobile.group(1))
        else:
            yield Identifier(start, end, "ric", number)

    def inside(self, groups: list[_Group], glued_left: bool, glued_right: bool) -> Iterator[Identifier]:
        """Identifiers made of whole, consistently joined groups inside a longer chain, left to
        right: a checked 18-digit ID wherever it stands; a mobile or an old ID only where it stands
        apart, its neighbours joined to it otherwise than its own groups are and not more tightly
        (第5 13812345678, p_…29d5 13812345678), never inside a run of figures joined alike
        (193 121 196 18 …) nor across two tokens complete on their own (记-202001-1300 1000000.00)."""
        if _longest_stretch(groups) < 11:
            return  # figures joined by ever-changing separators (an SVG path): nothing to look for
        ends = list(itertools.accumulate(len(g.digits) for g in groups))  # digits up to the end of each group
        starts = [0, *ends[:-1]]
        last = len(groups) - 1
        i = 0
        while i <= last:
            for size in (18, 15, 13, 11):
                j = bisect.bisect_left(ends, starts[i] + size, i)
                if j > last or ends[j] != starts[i] + size or (i == 0 and j == last):
                    continue
                glued = (i == 0 and glued_left) or (j == last and glued_right)
                part = groups[i:j + 1]
                inner = {g.gap for g in part[1:]}
                if len(inner) > 1:
                    continue
                if size != 18 and not _apart(groups, i, j, next(iter(inner), "")):
                    continue
                found = next(self.whole(part, glued), None)
                if found is not None:
                    yield found
                    i = j
                    break
            i += 1


def _apart(groups: list[_Group], i: int, j: int, joint: str) -> bool:
    """Whether groups[i..j], joined by `joint`, stand apart from their neighbours: joined to them by
    another separator, and by none tighter than their own (a blank never cuts 202001-1300 apart)."""
    if not joint:
        return True  # one run of digits: its neighbours are joined to it by something, not by nothing
    own = separator_class(joint)
    for k in (i, j + 1):
        if 0 < k < len(groups):
            gap = groups[k].gap
            if gap == joint or separator_class(gap) < own:
                return False
    return True


def _consistent(groups: list[_Group]) -> bool:
    """Whether the groups are joined by one and the same separator (after a leading 86 or 0086,
    which may stand apart): a number written out in a disguise (138 1234 5678, 138-1234-5678) is;
    figures that merely follow each other (1.5 0 2.25-.9 in an SVG path, 2026-05-01 2026-06-30)
    are not."""
    seps = [g.gap for g in groups[1:]]
    if len(groups) > 2 and groups[0].digits in ("86", "0086"):
        seps = seps[1:]
    return len(set(seps)) <= 1


def _fits(groups: list[_Group], kind: str) -> bool:
    """Whether the grouping is one that the separator joins for this kind of number (GROUPINGS)."""
    if kind == "mobile" and len(groups) > 1 and groups[0].digits in ("86", "0086"):
        groups = groups[1:]  # +86 stands apart as it likes
    if len(groups) == 1:
        return True
    usual = GROUPINGS.get((separator_class(groups[-1].gap), kind))
    return usual is None or _sizes(groups, kind) in usual


def _sizes(groups: list[_Group], kind: str) -> tuple[int, ...]:
    """The sizes of the groups, after a leading 86 or 0086 (standing apart or not) of a mobile."""
    sizes = [len(g.digits) for g in groups]
    number = "".join(g.digits for g in groups)
    prefix = len(number) - 11 if kind == "mobile" and len(number) in (13, 15) else 0
    while prefix and sizes:
        cut = min(prefix, sizes[0])
        sizes[0] -= cut
        prefix -= cut
        if not sizes[0]:
            sizes.pop(0)
    return tuple(sizes)


def _longest_stretch(groups: list[_Group]) -> int:
    """The most digits in consecutive groups joined by one and the same separator."""
    best = run = len(groups[0].digits)
    joint = None
    for k in range(1, len(groups)):
        size = len(groups[k].digits)
        if groups[k].gap == joint:
            run += size
        else:
            joint, run = groups[k].gap, len(groups[k - 1].digits) + size
        best = max(best, run)
    return best


def find_identifiers(text: str, *, normal: bool = False) -> list[Identifier]:
    """Every resident-ID number and mobile number in `normal_form(text)` (`text` itself when the
    caller says it is normal already), in order."""
    if not normal:
        text = normal_form(text)
    scan = _Scan(text)
    return [ident for run in _CHAIN.finditer(text) for ident in scan.chain(run)]


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def find_pseudonyms(text: str, *, normal: bool = False) -> list[tuple[int, int]]:
    """The spans of every keyed pseudonym in `normal_form(text)` (or `text`, as above): p_/c_ and
    24 hex digits in any case, or a bare run of exactly 24 hex digits."""
    if not normal:
        text = normal_form(text)
    if text.encode("utf-8", "surrogatepass").translate(_HEX_BYTES).find(_HEX_NEEDLE) < 0:
        return []
    spans = []
    for m in _HEX_RUN.finditer(text):
        start, end = m.span()
        if end - start != 24:
            continue
        if text[max(0, start - 2):start] in _PREFIXES:
            spans.append((start - 2, end))
        elif not (start > 0 and _ascii_alnum(text[start - 1])) and not (end < len(text) and _ascii_alnum(text[end])):
            spans.append((start, end))
    return spans


class LineCounter:
    """Line numbers of increasing positions in one text, counted once from the last position asked
    (a scan that reported each hit's line from the start of the text was quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._at = 0
        self._line = 1
        self.line_start = 0  # where the line of the last position asked begins

    def line(self, position: int) -> int:
        if position < self._at:
            self._at, self._line, self.line_start = 0, 1, 0
        newlines = self.text.count("\n", self._at, position)
        if newlines:
            self._line += newlines
            self.line_start = self.text.rfind("\n", self._at, position) + 1
        self._at = position
        return self._line
