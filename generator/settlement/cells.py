"""The settlement's CSV and XLSX cells are written by the project-wide cell writer,
`generator.sheetcells` (text a spreadsheet would run as a formula is written as text); this module
keeps the names the settlement's writers import."""

from __future__ import annotations

from generator.sheetcells import CellValue, csv_bytes, csv_cell, neutralise, xlsx_append, xlsx_value

__all__ = ["CellValue", "csv_bytes", "csv_cell", "neutralise", "xlsx_append", "xlsx_value"]
