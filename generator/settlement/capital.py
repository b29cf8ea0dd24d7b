"""Amounts in Chinese capital numerals (大写金额), as finance offices require them on a payment list.

The rules are those for filling in bills and settlement vouchers:

- digits 零壹贰叁肆伍陆柒捌玖, place units 拾佰仟, section units 万 and 亿, then 元角分;
- a zero, or a run of zeros, between two non-zero digits is written as one 零, also where the run
  crosses 万 or 亿 (102,960.00 is 壹拾万零贰仟玖佰陆拾元整) and between 元 and 角 (1,000.10 is
  壹仟元零壹角: the rules allow the 零 to be left out there; we always write it, so that nothing
  can be inserted);
- 角 zero and 分 not zero: 零 after 元 (16,409.02 is 壹万陆仟肆佰零玖元零贰分);
- 整 after 元 only when there are neither 角 nor 分; never after 角 or 分;
- 拾 is always preceded by its digit (10.00 is 壹拾元整, never 拾元整);
- nothing but 零元整 for zero, and no 零元 in front of an amount below one yuan (0.05 is 伍分).
"""

from __future__ import annotations

from decimal import Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("仟", "佰", "拾", "")  # within a four-digit section, from the highest place
SECTIONS = ("", "万", "亿", "万亿")  # section units from the lowest section
LIMIT = Decimal("10") ** 16  # 万亿 sections: up to 9,999,999,999,999,999.99


def _section(value: int) -> str:
    """One four-digit section (1..9999) without its section unit; inner zeros become one 零."""
    out: list[str] = []
    zero = False
    for place, digit in zip(PLACES, f"{value:04d}", strict=True):
        d = int(digit)
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[d] + place)
    return "".join(out)


def _integer(value: int) -> str:
    sections: list[int] = []
    while value:
        value, low = divmod(value, 10000)
        sections.append(low)
    out: list[str] = []
    gap = False  # zeros since the last digit written
    previous = 0
    for index in range(len(sections) - 1, -1, -1):
        section = sections[index]
        if section == 0:
            gap = bool(out)
            continue
        if out and (gap or previous % 10 == 0 or section < 1000):
            out.append("零")
        out.append(_section(section) + SECTIONS[index])
        gap = False
        previous = section
    return "".join(out)


def capital(amount: Decimal) -> str:
    """`amount` in yuan (at most two decimals, not negative) as 大写金额, without the 人民币 prefix."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise ValueError(f"不是金额：{amount!r}")
    if amount < 0:
        raise ValueError(f"金额不能为负：{amount}")
    if amount >= LIMIT:
        raise ValueError(f"金额过大：{amount}")
    fen_total = amount * 100
    if fen_total != fen_total.to_integral_value():
        raise ValueError(f"金额最多两位小数：{amount}")
    yuan, rest = divmod(int(fen_total), 100)
    jiao, fen = divmod(rest, 10)
    if jiao == 0 and fen == 0:
        return (_integer(yuan) if yuan else "零") + "元整"
    out = _integer(yuan) + "元" if yuan else ""
    if yuan and (jiao == 0 or yuan % 10 == 0):
        out += "零"
    if jiao:
        out += DIGITS[jiao] + "角"
    if fen:
        out += DIGITS[fen] + "分"
    return out
