"""The one way a command writes generated files or checks them fresh (`schemas`, `contract`)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click


def write_or_check(check: bool, stale: Callable[[], list[str]], write: Callable[[], list[str]], where: str,
                   command: str) -> None:
    """`--check`: exit 1 naming the stale files (CI runs this); otherwise write what changed."""
    if check:
        names = stale()
        if names:
            click.echo(f"{where} 已过期：{', '.join(names)}。请运行 {command} 并提交", err=True)
            sys.exit(1)
        click.echo(f"{where} 与代码一致")
        return
    changed = write()
    click.echo(f"已更新 {where}：{', '.join(changed)}" if changed else f"{where} 已是最新")
