"""The `peixun` command: thin wrappers that call one library function each and render the result.

Each command lives in its own `*_cmd` module and registers itself on the group in `app`; adding a
command is adding a module and one import line below.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Sequence

import click

from generator.cli import (  # noqa: F401  (imported to register commands; one per line)
    audit_cmd,
    budget_cmd,
    changes_cmd,
    codeowners_cmd,
    contract_cmd,
    form_cmd,
    init_cmd,
    migrate_cmd,
    new_cmd,
    payment_cmd,
    roster_cmd,
    settle_cmd,
    signals_cmd,
    site_cmd,
    validate_cmd,
)
from generator.cli.app import cli
from generator.errors import PeixunError
from generator.runtime import Tuning, command_policy, tuned

__all__ = ["cli", "main", "run"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit status instead of exiting, so tests can call it."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    command = next((a for a in args if not a.startswith("-")), None)
    try:
        with tuned(Tuning.from_env()), command_policy(command):
            cli.main(args=args, prog_name="peixun", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("已取消", err=True)
        return 1
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except PeixunError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"错误：{exc}", err=True)
        return exc.exit_code
    return 0


def run() -> None:
    """The `peixun` executable: `main`, then exit at once, without tearing the heap down.

    At city scale a command holds millions of objects (records, settlement); freeing them one by
    one at interpreter exit took 8 s after a 55 s site build, for nothing: the process ends anyway.
    So output is flushed and logging shut down, and the process leaves with `os._exit` (as mypy
    does). Commands finish their own work (files written and renamed, Git processes waited for)
    before `main` returns; tests call `main`, which never exits."""
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`peixun ... | head`): nothing more to say
            code = code or 1
    os._exit(code)
