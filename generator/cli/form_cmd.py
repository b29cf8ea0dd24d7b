"""`peixun form`: the printable 征集表 of one application."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from generator.cli.app import cli, records_option
from generator.intake.printform import print_form
from generator.intake.printout import render_docx, render_html
from generator.records.load import load_records


@cli.command()
@click.argument("application_id")
@click.option("--docx", "fmt", flag_value="docx", default=True, help="输出 Word 文档（默认）")
@click.option("--html", "fmt", flag_value="html", help="输出可打印的网页")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="输出文件（默认写到系统临时目录中的 <申报编号>.docx 或 .html，不写进仓库）")
@records_option
def form(application_id: str, fmt: str, out: Path | None, records_dir: Path) -> None:
    """生成可打印的项目征集表（签字盖章用）。"""
    view = print_form(load_records(records_dir), application_id)
    # never into the working tree by default: a stray form beside the records would be committed
    target = out or Path(tempfile.mkdtemp(prefix="peixun-form-")) / f"{application_id}.{fmt}"
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        target.write_text(render_html(view), encoding="utf-8")
    else:
        target.write_bytes(render_docx(view))
    click.echo(f"已生成 {target}。请由法定代表人签名、加盖单位公章后扫描，"
               f"把扫描件的 SHA-256 填入 {view.record_path} 的 declaration.scan_sha256")
