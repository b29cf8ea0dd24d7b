"""CLS-CORRECTION: a correction record applies cleanly to the class it corrects.

The corrections were already applied when the records were loaded (`records/amend.py`), so that
every rule and the settlement see corrected classes; this rule reports the ones that could not be.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.rules.registry import ERROR, Context, Hit, rule


@rule("CLS-CORRECTION", ERROR, "通知 五(一)",
      "更正记录由市人社局批准，指向存在的班次和字段，原值与班次记录一致", scope="correction")
def correction_applies(ctx: Context) -> Iterator[Hit]:
    for path, loc, message in ctx.loaded.correction_problems:
        yield Hit(path, loc, message)
