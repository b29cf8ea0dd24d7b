"""The one Jinja2 environment of the site, configured once.

Every value on a page comes from a record that an institution wrote, so it is untrusted text:
autoescape is on for every template (including the Markdown ones, which is why the environment
does not choose by file extension), and StrictUndefined turns a misspelt field into a build error
instead of a silently empty cell. Markdown pages need a second layer: a value that reaches
Markdown (a heading, a paragraph) must not become a link, emphasis or an attribute list, so the
`md` filter backslash-escapes Markdown syntax before HTML-escaping.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.numbers import percent, yuan
from generator.records.labels import label_of
from generator.site import urls

# Python-Markdown syntax that can act anywhere in a line: code, emphasis, links and images (the
# brackets), attr_list's braces (which would set HTML attributes) and the tables extension's pipe.
# < > & are left to HTML escaping; a backslash before them would show.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]|])")
# syntax that acts only at the start of a line: headings, list items, ordered lists
_MD_LEADING = re.compile(r"^([#+\-])|^(\d+)\.")


def md_escape(value: Any) -> Markup:
    """A record value as inert inline Markdown: syntax escaped, HTML escaped, lines joined."""
    text = _MD_INLINE.sub(r"\\\1", " ".join(str(value).split()))
    text = _MD_LEADING.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\.", text)
    return Markup(escape(text))


def meta_title(value: Any) -> Markup:
    """A page title for the front matter: HTML-escaped (themes print `page.meta.title` unescaped into
    <title> and the header), then quoted as a JSON string, which YAML reads as the same string."""
    return Markup(json.dumps(str(escape(" ".join(str(value).split()))), ensure_ascii=False))




def yuan_short(value: Decimal | int) -> str:
    """A unit price without fen when it has none: 1,450 元; 1,450.50 元."""
    amount = Decimal(value)
    return f"{amount:,.0f} 元" if amount == amount.to_integral_value() else f"{amount:,.2f} 元"


def wan_yuan(value: Decimal | int) -> str:
    """A large amount as Chinese reports give it: 147,156 元 -> 14.72 万元."""
    return f"{(Decimal(value) / 10000).quantize(Decimal('0.01'), ROUND_HALF_UP):,} 万元"




def cn_date(value: dt.date | None) -> str:
    return "—" if value is None else f"{value.year}年{value.month}月{value.day}日"


def iso(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _make_env() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md_escape, meta_title=meta_title, label=label_of, yuan=yuan, yuan_short=yuan_short, wan_yuan=wan_yuan,
        percent=percent,
        cn_date=cn_date, iso=iso,
    )
    env.globals.update(
        link=urls.link, src_link=urls.src_link, project_page=urls.project_page,
        institution_page=urls.institution_page, pages=urls,
    )
    return env


ENV = _make_env()


def render(template: str, **context: Any) -> str:
    return ENV.get_template(template).render(**context)
