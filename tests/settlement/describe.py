"""A workbook or a Word document as text, everything a printed paper shows: for the golden files of
the settlement's papers (tests/fixtures/golden/settlement/*.layout.txt), compared line by line.

XLSX, per sheet: the page set-up (paper, orientation, fit, margins, print titles, footer), frozen
panes, autofilter, column widths, merged ranges, row heights, then every cell that holds a value or
a style: its value and type, number format, font, fill, border and alignment (defaults left out).
DOCX: the page set-up, the footer, and the body in order, each paragraph with its properties and
runs (font slots, size, bold, fields), each table with its grid, widths, layout, margins, borders,
and each row and cell (merges, widths, keep-together, header repeat) with the paragraphs inside.
The files are read back with openpyxl and python-docx (the XML of a paragraph's and a run's
properties is flattened generically, so nothing a writer sets is left out), not compared as bytes:
a library upgrade that writes the same paper differently leaves the golden files as they are.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from openpyxl import load_workbook


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return repr(value) if isinstance(value, str) else str(value)


def _color(color: Any) -> str | None:
    if color is None:
        return None
    if color.type == "rgb":
        return str(color.rgb)
    return f"{color.type}:{getattr(color, color.type)}"  # theme or indexed


def _cell(cell: Any) -> str | None:
    parts = []
    if cell.value is not None:
        parts.append(f"{cell.data_type}:{_fmt(cell.value)}")
    if cell.number_format != "General":
        parts.append(f"fmt={cell.number_format}")
    f = cell.font
    font = [k for k, v in (("bold", f.b), ("italic", f.i)) if v]
    if f.sz is not None and float(f.sz) != 11:
        font.append(f"size={_fmt(float(f.sz))}")
    if f.color is not None and _color(f.color) not in (None, "theme:1"):
        font.append(f"color={_color(f.color)}")
    if font:
        parts.append("font(" + ",".join(font) + ")")
    if cell.fill.fill_type:
        parts.append(f"fill({cell.fill.fill_type},{_color(cell.fill.fgColor)})")
    b = cell.border
    edges = [f"{name}={side.style}/{_color(side.color)}" for name, side in
             (("top", b.top), ("bottom", b.bottom), ("left", b.left), ("right", b.right)) if side.style]
    if len(edges) == 4 and len({e.partition("=")[2] for e in edges}) == 1:
        parts.append(f"box({edges[0].partition('=')[2]})")
    elif edges:
        parts.append("border(" + ",".join(edges) + ")")
    a = cell.alignment
    align = [f"{k}={v}" for k, v in (("h", a.horizontal), ("v", a.vertical), ("indent", a.indent)) if v]
    if a.wrap_text:
        align.append("wrap")
    if align:
        parts.append("align(" + ",".join(align) + ")")
    return f"{cell.coordinate} " + " ".join(parts) if parts else None


def describe_xlsx(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    p = wb.properties
    out = [f"properties: creator={p.creator!r} title={p.title!r} identifier={p.identifier!r}"]
    for ws in wb.worksheets:
        s, m = ws.page_setup, ws.page_margins
        out += [
            f"## {ws.title}",
            f"page: paper={s.paperSize} orientation={s.orientation} fitToWidth={s.fitToWidth} "
            f"fitToHeight={s.fitToHeight} fitToPage={ws.sheet_properties.pageSetUpPr.fitToPage} "
            f"centred={ws.print_options.horizontalCentered} "
            f"margins=({_fmt(m.left)},{_fmt(m.right)},{_fmt(m.top)},{_fmt(m.bottom)})",
            f"print titles: {ws.print_title_rows}; frozen: {ws.freeze_panes}; autofilter: {ws.auto_filter.ref}; "
            f"footer: {ws.oddFooter.center.text!r}",
            "widths: " + " ".join(f"{k}={_fmt(d.width)}" for k, d in sorted(ws.column_dimensions.items())
                                  if d.width),
            "merged: " + " ".join(str(r) for r in sorted(ws.merged_cells.ranges, key=lambda r: r.bounds[::-1])),
        ]
        for row in ws.iter_rows():
            height = ws.row_dimensions[row[0].row].height
            cells = [c for c in (_cell(cell) for cell in row) if c]
            if height is not None or cells:
                out.append(f"row {row[0].row}" + (f" height={_fmt(height)}" if height is not None else ""))
                out += [f"  {c}" for c in cells]
    return "\n".join(out) + "\n"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attrs(el: Any) -> str:
    items = [(_local(k), v) for k, v in el.attrib.items()]
    if len(items) == 1 and items[0][0] == "val":
        return f"={items[0][1]}"
    return "(" + ",".join(f"{k}={v}" for k, v in sorted(items)) + ")" if items else ""


def _props(el: Any) -> str:
    """A properties element (pPr, rPr, tblPr, trPr, tcPr) flattened: child=val or child(attr=…)."""
    if el is None:
        return ""
    parts = []
    for child in el:
        inner = " ".join(f"{_local(g.tag)}{_attrs(g)}" for g in child)
        parts.append(f"{_local(child.tag)}{_attrs(child)}" + (f"[{inner}]" if inner else ""))
    return " ".join(parts)


def _run(r: Any) -> str:
    pieces = []
    for child in r:
        tag = _local(child.tag)
        if tag == "t":
            pieces.append(repr(child.text or ""))
        elif tag == "instrText":
            pieces.append(f"field{{{child.text}}}")
        elif tag == "fldChar":
            pieces.append(f"fldChar{_attrs(child)}")
        elif tag != "rPr":
            pieces.append(tag)
    props = _props(r.find(r.tag.replace("}r", "}rPr")))
    return " ".join(pieces) + (f" <{props}>" if props else "")


def _block(el: Any, indent: str, out: list[str]) -> None:
    tag = _local(el.tag)
    if tag == "p":
        ppr = el.find(el.tag.replace("}p", "}pPr"))
        runs = [_run(r) for r in el if _local(r.tag) == "r"]
        out.append(f"{indent}p <{_props(ppr)}>" + "".join(f"\n{indent}  r {r}" for r in runs))
    elif tag == "tbl":
        tbl_pr = el.find(el.tag.replace("}tbl", "}tblPr"))
        grid = el.find(el.tag.replace("}tbl", "}tblGrid"))
        out.append(f"{indent}table <{_props(tbl_pr)}> grid " + " ".join(_attrs(g) for g in grid))
        for tr in el:
            if _local(tr.tag) != "tr":
                continue
            tr_pr = tr.find(tr.tag.replace("}tr", "}trPr"))
            out.append(f"{indent}  row <{_props(tr_pr)}>")
            for tc in tr:
                if _local(tc.tag) != "tc":
                    continue
                tc_pr = tc.find(tc.tag.replace("}tc", "}tcPr"))
                out.append(f"{indent}    cell <{_props(tc_pr)}>")
                for child in tc:
                    _block(child, indent + "      ", out)
    elif tag == "sectPr":
        out.append(f"{indent}section <{_props(el)}>")


def describe_docx(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    c = doc.core_properties
    out = [f"properties: title={c.title!r} author={c.author!r} last_modified_by={c.last_modified_by!r} "
           f"created={c.created} modified={c.modified} revision={c.revision} comments={c.comments!r}"]
    for n, section in enumerate(doc.sections):
        out.append(f"footer {n}:")
        for child in section.footer._element:
            _block(child, "  ", out)
    out.append("body:")
    for child in doc.element.body:
        _block(child, "  ", out)
    return "\n".join(out) + "\n"
