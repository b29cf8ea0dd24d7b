"""The key form of a number people copy by hand: certificate numbers and payment vouchers.

One certificate or one voucher must count once, however it was typed: `JS2026-0001234`,
`ＪＳ２０２６－０００１２３４`, `js 2026 0001234` and `JS20260001234` are one number. So before a
number is keyed (a certificate's `c_` pseudonym) or compared (a voucher), it is brought to this
form: the PII scan's normal form (`piiform.normal_form`: compatibility characters and the digits of
other scripts), then NFKC, upper case, every character that is neither a letter nor a digit
dropped (spaces, hyphens and dashes, dots, slashes, zero-width and format characters, in any width),
and look-alikes folded: Cyrillic and Greek capitals that look like Latin ones, and the letters O and
I, which are typed for the digits 0 and 1. Folding can only join two numbers that differ in
look-alikes alone, which for a certificate or a voucher is the same number miscopied.
"""

from __future__ import annotations

import unicodedata

from generator.rules.piiform import normal_form

# capitals of other scripts drawn like a Latin capital, and the Latin letters typed for digits
LOOK_ALIKES = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "0", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "І": "1", "Ј": "J", "Ѕ": "S",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "1", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "0",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "O": "0", "I": "1",
})


def key_form(text: str) -> str:
    """`text` as it is keyed and compared (see the module): letters and digits only, upper case,
    look-alikes folded. Empty when `text` holds no letter or digit."""
    normal = unicodedata.normalize("NFKC", normal_form(text)).upper()
    kept = "".join(c for c in normal if unicodedata.category(c)[0] in "LN")
    return kept.translate(LOOK_ALIKES)
