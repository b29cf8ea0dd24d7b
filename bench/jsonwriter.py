"""The JSON writer on the settlement report: `python bench/jsonwriter.py --size city-year|city-decade`.

Builds the corpus of `bench/corpus.py` (no Git needed), settles it once (kept as a pickle beside
the corpus for the next run), then
times writing settlement.json with the hand-written encoder that orjson replaced (kept below as
it was, as the baseline), with `generator.jsonbytes.json_bytes` (orjson plus the contract walk),
and with its two parts alone; and writing the report's class rows one per line (the open data's
layout) with the json module's C encoder as before and with the one writer now. Every figure is
the best of `--repeat` runs in CPU seconds of this process; the output is checked byte-identical first. Prints the load
average, which on a shared machine says how far to trust the seconds (the ratios hold better).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` and `generator` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orjson

from bench import corpus
from bench.run import prepare
from generator import jsonbytes, safejson
from generator.settlement_output import settle

_INDENT = 2


def _old_scalar(value: Any) -> str:
    if isinstance(value, str):
        text: str = encode_basestring(value)
        return text
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return json.dumps(value)


def _old_walk(value: Any, level: int, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        pad = "\n" + " " * (_INDENT * (level + 1))
        first = True
        out.append("{")
        for key, item in value.items():
            out.append(("" if first else ",") + pad + encode_basestring(key) + ": ")
            _old_walk(item, level + 1, out)
            first = False
        out.append("\n" + " " * (_INDENT * level) + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        pad = "\n" + " " * (_INDENT * (level + 1))
        out.append("[")
        for i, item in enumerate(value):
            out.append(("," if i else "") + pad)
            _old_walk(item, level + 1, out)
        out.append("\n" + " " * (_INDENT * level) + "]")
    else:
        out.append(_old_scalar(value))


def _old_piece(value: Any, level: int) -> bytes:
    out: list[str] = []
    _old_walk(value, level, out)
    return "".join(out).encode("utf-8")


def old_json_bytes(data: dict[str, Any]) -> bytes:
    """The hand-written encoder that `jsonbytes` had before orjson (top-level object case)."""
    pieces: list[bytes] = [b"{"]
    for i, (key, value) in enumerate(data.items()):
        pieces.append(("," if i else "").encode() + b"\n  " + encode_basestring(key).encode("utf-8") + b": ")
        if isinstance(value, list) and value:
            pieces.append(b"[")
            for j, item in enumerate(value):
                pieces.append((b"," if j else b"") + b"\n    " + _old_piece(item, 2))
            pieces.append(b"\n  ]")
        else:
            pieces.append(_old_piece(value, 1))
    pieces.append(b"\n}\n")
    return b"".join(pieces)


def old_lines(rows: list[Any]) -> bytes:
    """One row a line as `safejson.dumps_lines` wrote it before: the json module's C encoder per row."""
    body = b",\n".join(b"    " + json.dumps(row, ensure_ascii=False).encode("utf-8") for row in rows)
    raw = b'{\n  "rows": [\n' + body + b"\n  ]\n}\n"
    return raw.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


def best(fn: Callable[[], object], repeat: int) -> float:
    """CPU seconds of this process (best of `repeat`): on a shared machine wall time mostly measures
    the neighbours, while the CPU a single-threaded writer uses is its own."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def settled_report(records: Path, size: corpus.Size, work: Path) -> dict[str, Any]:
    """The report, settled once per corpus and kept beside it (settling is not what is measured)."""
    kept = work / "report.pickle"
    stamp = work / "corpus.stamp"
    if kept.is_file() and kept.stat().st_mtime >= stamp.stat().st_mtime:
        report: dict[str, Any] = pickle.loads(kept.read_bytes())
        return report
    start = time.perf_counter()
    report = settle(records, size.as_of, use_cache=False).report
    print(f"settled {len(report['classes']):,} classes in {time.perf_counter() - start:.1f} s (wall)")
    kept.write_bytes(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(corpus.SIZES), default="city-year")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp folder per size)")
    args = parser.parse_args()
    size = corpus.SIZES[args.size]
    work = args.work or Path(tempfile.gettempdir()) / "peixun-bench-json" / args.size
    records = prepare(args.size, work, git=False)
    report = settled_report(records, size, work)

    new = jsonbytes.json_bytes(report)
    assert old_json_bytes(report) == new, "the writers disagree"
    rows = [{k: v for k, v in c.items() if not isinstance(v, list | dict)} for c in report["classes"]]
    assert old_lines(rows) == safejson.dumps_lines({"rows": rows}), "the line writers disagree"
    option = orjson.OPT_INDENT_2 | orjson.OPT_STRICT_INTEGER | orjson.OPT_APPEND_NEWLINE
    figures = {
        "old encoder": best(lambda: old_json_bytes(report), args.repeat),
        "json_bytes (orjson + contract walk)": best(lambda: jsonbytes.json_bytes(report), args.repeat),
        "  orjson alone": best(lambda: orjson.dumps(report, option=option), args.repeat),
        "  contract walk alone": best(lambda: jsonbytes.check(report), args.repeat),
    }
    lines = {
        "old (json C encoder per row)": best(lambda: old_lines(rows), args.repeat),
        "dumps_lines (orjson per row)": best(lambda: safejson.dumps_lines({"rows": rows}), args.repeat),
    }
    print(f"{args.size}: settlement.json of {len(report['classes']):,} classes, {len(new) / 2**20:.1f} MiB; "
          f"CPU seconds, best of {args.repeat}")
    for name, seconds in figures.items():
        print(f"  {name:<38} {seconds:7.3f} s  {figures['old encoder'] / seconds:6.1f} ×")
    print(f"class rows one per line: {len(rows):,} rows")
    for name, seconds in lines.items():
        print(f"  {name:<38} {seconds:7.3f} s  {lines['old (json C encoder per row)'] / seconds:6.1f} ×")
    print("load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
