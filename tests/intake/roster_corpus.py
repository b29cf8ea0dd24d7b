"""Roster spreadsheets, good and bad, for the browser's check to be compared with the import's.

Each case is (file name, bytes, context): XLSX written by openpyxl with typed cells (dates, numbers,
booleans, as Excel stores them), CSV in UTF-8, UTF-8 with BOM, GBK and UTF-16, and files that are
not rosters at all. The context is what the class gives the check: its total periods and whether
the project's application names a certificate kind.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HEADER = ["序号", "姓名", "身份证号码", "人员类别", "毕业时间", "出勤课时", "是否合格", "证书编号", "发证日期"]
GOOD = [
    [1, "张三丰", "320211199001010012", "农村转移就业劳动者", None, 48, "是", "JS2026-0001", "2026-06-25"],
    [2, "李四光", "320211200203150027", "城镇登记失业人员", None, 40, "是", "JS2026-0002", "2026/6/25"],
    [3, "王五月", "32021119950505107x", "registered_unemployed", None, 36, "否", None, None],
    [4, "赵六合", "320281199511110039", "农村转移就业劳动者", None, 44, "是", "js2026-0004", "2026年6月25日"],
    [5, "孙七巧", "320211199808080046", "城镇登记失业人员", None, 20, None, None, None],
]
Context = dict[str, Any]
FULL: Context = {"periods": 64, "certificate": True}


def xlsx(rows: list[list[Any]], *, formats: dict[str, str] | None = None, epoch_1904: bool = False) -> bytes:
    book = Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for ref, fmt in (formats or {}).items():
        sheet[ref].number_format = fmt
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(rows: list[list[Any]], sep: str = ",", end: str = "\n") -> str:
    return end.join(sep.join("" if v is None else str(v) for v in row) for row in rows) + end


def with_row(index: int, **changes: Any) -> list[list[Any]]:
    """GOOD with one row changed by column name."""
    rows = [list(r) for r in GOOD]
    for name, value in changes.items():
        rows[index][HEADER.index(name)] = value
    return [HEADER, *rows]


def cases() -> list[tuple[str, bytes, Context]]:
    found: list[tuple[str, bytes, Context]] = []

    def add(name: str, data: bytes, context: Context = FULL) -> None:
        found.append((name, data, context))

    good = [HEADER, *GOOD]
    add("good.xlsx", xlsx(good))
    add("good.csv", csv_text(good).encode("utf-8"))
    add("good-bom.csv", b"\xef\xbb\xbf" + csv_text(good, end="\r\n").encode("utf-8"))
    add("good-gbk.csv", csv_text(good).encode("gb18030"))
    add("good-utf16.csv", csv_text(good, sep="\t").encode("utf-16"))
    add("good-semicolon.csv", csv_text(good, sep=";").encode("utf-8"))
    add("good-tab.txt", csv_text(good, sep="\t").encode("gb18030"))
    add("good-cr.csv", csv_text(good, end="\r").encode("utf-8"))
    add("chinese-comma.csv", csv_text(good, sep="，").encode("utf-8"))
    add("undecodable.csv", csv_text(good).encode("utf-8").replace("张".encode(), b"\xff\xfe\x80"))
    add("quoted.csv", ("序号,姓名,身份证号码,人员类别,出勤课时\n"
                       '1,"张,三",320211199001010012,"农村转移就业劳动者",48\n'
                       '2,"李""四""\n光",320211200203150027,城镇登记失业人员,"4"0\n'
                       '3,王五,32021119950505107X,城镇登记失业人员,"36\n').encode())
    add("blank-lines.csv", ("\n\n" + csv_text(good) + "\n,,,\n\n").encode("utf-8"))
    add("empty.csv", b"")
    add("header-only.xlsx", xlsx([HEADER]))
    add("old.xls", b"\xd0\xcf\x11\xe0 not really", FULL)
    add("roster.pdf", b"%PDF-1.4", FULL)
    add("roster", b"a,b", FULL)
    add("broken.xlsx", b"PK\x03\x04 this is not a zip file at all")

    # typed XLSX cells, as Excel stores them
    typed = with_row(0, 发证日期=dt.datetime(2026, 6, 25), 出勤课时=48.0, 是否合格=True)
    typed[2][HEADER.index("发证日期")] = dt.datetime(2026, 6, 25, 14, 30)
    typed[2][HEADER.index("出勤课时")] = 40.5
    typed[3][HEADER.index("是否合格")] = False
    typed[4][HEADER.index("出勤课时")] = True
    typed[5][HEADER.index("是否合格")] = 1
    add("typed.xlsx", xlsx(typed))
    serial = with_row(1, 发证日期=46198, 出勤课时="48.0")
    serial[1][HEADER.index("发证日期")] = 46198.75
    add("serial.xlsx", xlsx(serial))
    # dates outside 1900–2100 as Excel stores them: a typed date, a serial day count (79000 is 2116)
    add("date-far.xlsx", xlsx(with_row(0, 发证日期=dt.datetime(2101, 1, 1))))
    add("date-serial-far.xlsx", xlsx(with_row(0, 发证日期=79000)))
    add("epoch1904.xlsx", xlsx(with_row(0, 发证日期=dt.datetime(2026, 6, 25)), epoch_1904=True))
    add("id-number.xlsx", xlsx(with_row(2, 身份证号码=320211199001010012)))
    add("id-float.xlsx", xlsx(with_row(2, 身份证号码=3.20211199001010e17)))
    add("id-date.xlsx", xlsx(with_row(2, 身份证号码=dt.datetime(2026, 1, 1))))

    # ID numbers
    for i, value in enumerate(["32021119900101001", "3202111990010100122", "32021119900101001Y", "320211199013010012",
                               "320211209901010015", "320211199001010013", "３２０２１１１９９００１０１００１２",
                               " 3202 1119 9001 0100 12 ", "320211189912310011"]):
        add(f"id-{i}.csv", csv_text(with_row(0, 身份证号码=value)).encode("utf-8"))
    add("id-repeated.csv", csv_text(with_row(3, 身份证号码="32021119900101001 2".replace(" ", ""))).encode("utf-8"))
    add("id-blank.csv", csv_text(with_row(1, 身份证号码=" ")).encode("utf-8"))
    add("name-blank.xlsx", xlsx(with_row(1, 姓名=None)))

    # groups and graduation
    add("group-unknown.csv", csv_text(with_row(0, 人员类别="外来务工人员")).encode("utf-8"))
    add("group-id.csv", csv_text(with_row(0, 人员类别="RURAL_MIGRANT_WORKER")).encode("utf-8"))
    add("group-spaces.csv", csv_text(with_row(0, 人员类别="农村 转移就业　劳动者")).encode("utf-8"))
    add("group-blank.csv", csv_text(with_row(0, 人员类别=None)).encode("utf-8"))
    add("graduate-blank.csv", csv_text(with_row(0, 人员类别="毕业学年高校毕业生")).encode("utf-8"))
    grad = with_row(0, 人员类别="城乡未继续升学的应届初高中毕业生", 毕业时间="2026-06-30")
    grad[2][HEADER.index("人员类别")], grad[2][HEADER.index("毕业时间")] = "毕业学年高校毕业生", "2026/7/1"
    add("graduate.xlsx", xlsx(grad))
    no_column = [[c for c in r if c != "毕业时间"] for r in [HEADER]] + [
        [v for j, v in enumerate(r) if j != HEADER.index("毕业时间")] for r in GOOD]
    no_column[1][HEADER.index("人员类别")] = "毕业学年高校毕业生"
    add("graduate-no-column.csv", csv_text(no_column).encode("utf-8"))

    # dates, counts, yes/no
    for i, value in enumerate(["20260625", "2026-02-30", "2026-06-25 00:00:00", "2026.6.25", "下周", "2026-6-25T08:00",
                               "0000-01-01", "２０２６-０６-２５", "1899-12-31", "2101-01-01", "0001-06-30",
                               "1900-01-01", "2100-12-31"]):
        add(f"date-{i}.csv", csv_text(with_row(0, 发证日期=value)).encode("utf-8"))
    for i, value in enumerate(["-1", "abc", "48.0", "+12", "65", "４８", " 30 "]):
        add(f"count-{i}.csv", csv_text(with_row(1, 出勤课时=value)).encode("utf-8"))
    add("count-blank.csv", csv_text(with_row(1, 出勤课时=None)).encode("utf-8"))
    for i, value in enumerate(["合格", "不合格", "yes", "√", "maybe"]):
        add(f"passed-{i}.csv", csv_text(with_row(2, 是否合格=value)).encode("utf-8"))
    add("over-periods.csv", csv_text(good).encode("utf-8"), {"periods": 40, "certificate": True})
    add("no-periods.csv", csv_text(good).encode("utf-8"), {"periods": None, "certificate": True})

    # certificates
    add("cert-no-passed.csv", csv_text(with_row(4, 证书编号="JS1")).encode("utf-8"))
    add("cert-failed.csv", csv_text(with_row(2, 发证日期="2026-06-25")).encode("utf-8"))
    add("cert-no-number.csv", csv_text(with_row(0, 证书编号=None)).encode("utf-8"))
    add("cert-no-issued.csv", csv_text(with_row(0, 发证日期=None)).encode("utf-8"))
    add("cert-bad-issued.csv", csv_text(with_row(0, 发证日期="2026-13-45")).encode("utf-8"))
    add("cert-repeated.csv", csv_text(with_row(3, 证书编号="js 2026-0001")).encode("utf-8"))
    add("cert-kind-unknown.csv", csv_text(good).encode("utf-8"), {"periods": 64, "certificate": False})

    # headers
    aliases = [["身份证号", "姓名*", "类别", "出勤", "合格＊", "证书编号", "发证日期", "备注"]] + [
        [r[2], r[1], r[3], r[5], r[6], r[7], r[8], "x"] for r in GOOD]
    add("aliases.xlsx", xlsx([[None], [], *aliases]))
    add("header-twice.csv", csv_text([[*HEADER, "身份证号"], *[[*r, ""] for r in GOOD]]).encode("utf-8"))
    add("header-missing.csv", csv_text([[h for h in HEADER if h not in ("姓名", "出勤课时")]]).encode("utf-8"))
    add("header-bom.csv", ("\ufeff\ufeff" + csv_text(good)).encode("utf-8"))
    sparse = [HEADER, GOOD[0], [None] * len(HEADER), [], GOOD[1][:3]]
    add("sparse.xlsx", xlsx(sparse))
    return found
