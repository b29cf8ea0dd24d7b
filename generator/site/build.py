"""`peixun build` and `peixun serve`: run MkDocs with the records and date the user chose.

The site is built into a staging folder next to the output and swapped in only when the build
has passed, so `public/` never holds a half-built site; a file the PII guard finds personal data
in is left out of it before (generator.site.withhold), so it never holds one that leaks.
MkDocs runs in this process (one interpreter, jieba's dictionary loaded once); it is configured
from mkdocs.yml, with `extra.peixun` overridden by the command line.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import UsageError
from generator.holds import Hold
from generator.site.withhold import Withheld
from generator.validate import resolve_as_of

DEFAULT_CONFIG = Path("mkdocs.yml")


@dataclass(frozen=True)
class BuildResult:
    out: Path
    as_of: dt.date
    pages: int
    seconds: float
    held: tuple[Hold, ...] = ()  # classes left out because of record errors: for the bureau only
    # files left out because the PII guard found personal data in them: for the bureau only
    withheld: tuple[Withheld, ...] = ()
    notices: list[str] = field(default_factory=list)  # configuration left unset, and what the site omits for it


def overrides(config_file: Path, records_dir: Path, as_of: dt.date | None) -> dict[str, Any]:
    """mkdocs.yml's `extra` with the records folder and as-of date of this run (MkDocs replaces
    `extra` as a whole when it is given, so the file's other keys are carried over)."""
    from mkdocs.utils.yaml import yaml_load

    if not config_file.is_file():
        raise UsageError(f"找不到网站配置文件 {config_file}（应在仓库根目录运行，或用 --config 指定）")
    with config_file.open(encoding="utf-8") as fd:
        extra = dict(yaml_load(fd).get("extra") or {})
    peixun = dict(extra.get("peixun") or {})
    peixun.update(records=str(records_dir.resolve()), as_of=as_of.isoformat() if as_of else None)
    extra["peixun"] = peixun
    return {"extra": extra}


def configured_site_url(config_file: Path = DEFAULT_CONFIG) -> str:
    """The site's public address as MkDocs reads it from `config_file` (`site_url`, with its
    `!ENV` default, e.g. PEIXUN_SITE_URL), "" when the file or the address is missing."""
    from mkdocs.utils.yaml import yaml_load

    if not config_file.is_file():
        return ""
    with config_file.open(encoding="utf-8") as fd:
        return str(yaml_load(fd).get("site_url") or "").strip()


def build_site(records_dir: Path, out: Path, as_of: dt.date | None = None,
               config_file: Path = DEFAULT_CONFIG) -> BuildResult:
    """Validate the records and build the site into `out`. Classes whose records have errors are
    held (left out of every page and download) and returned in `held`; a file the PII guard still
    finds personal data in is left out and returned in `withheld` (generator.site.withhold): the
    rest is published, nothing found is."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.site import assemble

    started = time.monotonic()
    day, _, _ = resolve_as_of(records_dir, as_of)  # what the hook resolves too (it also shows the commit)
    staging = out.with_name(f".{out.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    assemble.last_held, assemble.last_withheld = (), ()
    try:
        config = load_config(str(config_file), site_dir=str(staging), **overrides(config_file, records_dir, as_of))
        notices = assemble.publication_of(dict(config.extra.get("peixun") or {}), config.site_url).notices()
        build(config)
        pages = sum(1 for p in staging.rglob("*.html") if p.name != "404.html")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(out=out, as_of=day, pages=pages, seconds=time.monotonic() - started,
                       held=assemble.last_held, withheld=assemble.last_withheld, notices=notices)


def serve_site(records_dir: Path, as_of: dt.date | None = None, config_file: Path = DEFAULT_CONFIG,
               dev_addr: str = "127.0.0.1:8000") -> None:
    """Live preview: rebuilds when a record, a hand-written page or a template changes."""
    from mkdocs.commands.serve import serve

    templates = Path(__file__).parent / "templates"
    serve(str(config_file), dev_addr=dev_addr, watch=[str(records_dir), str(templates)],
          **overrides(config_file, records_dir, as_of))
