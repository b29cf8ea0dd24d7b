"""The standard OCDS tools, run offline: libcoveocds over the vendored schemas and extension.

libcoveocds reads the standard's schema folder from a ZIP (`standard_zip` in its configuration,
handed to ocdsextensionregistry's ProfileBuilder, which otherwise downloads the tag from GitHub)
and fetches each declared extension's files, and jsonref the schemas a `$ref` names, over HTTP
with requests. Here the ZIP is made from `tests/fixtures/ocds/` and every request is answered by
`Vendored`, a requests transport adapter serving the vendored files by their public URL; any other
URL is refused and listed, so a test proves that no byte came from the network.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import json_merge_patch
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from urllib3 import HTTPResponse

from generator.opendata.config import BIDS_EXTENSION
from tests.opendata.helpers import OCDS_SCHEMAS

TAG = "1__1__5"
STANDARD = f"https://standard.open-contracting.org/schema/{TAG}/"
BIDS_BASE = BIDS_EXTENSION.removesuffix("extension.json")
COMMIT = BIDS_BASE.rstrip("/").rsplit("/", 1)[1]
# ocdsextensionregistry reads an extension on GitHub from the archive of its commit
BIDS_ARCHIVE = f"https://github.com/open-contracting-extensions/ocds_bid_extension/archive/{COMMIT}.zip"


def _raw(name: str) -> str:
    return (OCDS_SCHEMAS / name).read_text(encoding="utf-8")


def _published(text: str) -> str:
    """The standard's site serves its schemas with the placeholders filled (ocds_babel does it)."""
    return text.replace("{{lang}}", "en").replace("{{version}}", "1.1")


def release_schema() -> dict[str, Any]:
    return json.loads(_raw("release-schema-1.1.5.json"))


def versioned_schema() -> str:
    """The standard derives versioned-release-validation-schema.json from the release schema; so does
    ocdsextensionregistry (its own test compares the result with the standard's file)."""
    from ocdsextensionregistry.versioned_release_schema import get_versioned_release_schema

    return json.dumps(get_versioned_release_schema(release_schema(), TAG), ensure_ascii=False, indent=2)


def standard_files() -> dict[str, str]:
    """The standard's schema folder as libcoveocds reads it (raw, with placeholders)."""
    return {
        "release-schema.json": _raw("release-schema-1.1.5.json"),
        "release-package-schema.json": _raw("release-package-schema-1.1.5.json"),
        "record-package-schema.json": _raw("record-package-schema-1.1.5.json"),
        "versioned-release-validation-schema.json": versioned_schema(),
    }


def closed_codelists(schema: dict[str, Any]) -> dict[str, str]:
    """Each closed codelist of `schema` as a one-column CSV of the codes its `enum` allows: exactly
    the codes the schema admits, which is all libcove reads of a codelist (the "Code" column)."""
    found: dict[str, set[str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            codes = node.get("enum") or (node.get("items") or {}).get("enum")
            if node.get("codelist") and node.get("openCodelist") is False and codes:
                found.setdefault(node["codelist"], set()).update(c for c in codes if c is not None)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return {name: "Code\n" + "".join(f"{code}\n" for code in sorted(codes)) for name, codes in sorted(found.items())}


def standard_zip() -> bytes:
    """A ZIP shaped like GitHub's archive of the tag: one top folder, then schema/ with codelists/."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"standard-{TAG}/", "")
        z.writestr(f"standard-{TAG}/schema/", "")
        for name, text in standard_files().items():
            z.writestr(f"standard-{TAG}/schema/{name}", text)
        codelists = {**closed_codelists(release_schema()), "partyRole.csv": _raw("codelists/partyRole.csv")}
        for name, text in codelists.items():
            z.writestr(f"standard-{TAG}/schema/codelists/{name}", text)
    return buf.getvalue()


def served() -> dict[str, bytes]:
    files = {STANDARD + name: _published(text).encode() for name, text in standard_files().items()}
    files[BIDS_ARCHIVE] = bids_archive()
    return files


def bids_files() -> dict[str, str]:
    """The bids extension's files: vendored, and the two closed codelists no copy was vendored of
    (country.csv, submissionType.csv: fields these packages never carry) made from its enums."""
    folder = OCDS_SCHEMAS / "bids"
    vendored = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in (".json", ".csv")}
    schema = json.loads(vendored["release-schema.json"])
    derived = {f"codelists/{name}": text for name, text in closed_codelists(schema).items()
               if f"codelists/{name}" not in vendored and name in json.loads(vendored["extension.json"])["codelists"]}
    return {**vendored, **derived}


def bids_archive() -> bytes:
    """The extension as GitHub archives a commit: one top folder holding the files."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        top = f"ocds_bid_extension-{COMMIT}/"
        z.writestr(top, "")
        for name, text in bids_files().items():
            z.writestr(top + name, text)
    return buf.getvalue()


def patched_release_schema() -> dict[str, Any]:
    """The release schema with the bids extension's patch merged, as ProfileBuilder merges it."""
    schema = release_schema()
    json_merge_patch.merge(schema, json.loads((OCDS_SCHEMAS / "bids" / "release-schema.json").read_text("utf-8")))
    return schema


class Vendored(BaseAdapter):
    """A requests transport answering from the vendored files; refuses everything else."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        super().__init__()
        self.files = files
        self.asked: list[str] = []
        self.refused: list[str] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        url = str(request.url)
        self.asked.append(url)
        if url not in self.files:
            self.refused.append(url)
            raise requests.ConnectionError(f"offline test: {url} is not vendored")
        response = requests.Response()
        response.status_code = 200
        response.url = url
        response.request = request
        headers = {"Content-Type": "application/octet-stream"}
        response.headers = CaseInsensitiveDict(headers)
        # requests-cache (ocdsextensionregistry's session) stores the raw urllib3 response as well
        response.raw = HTTPResponse(body=io.BytesIO(self.files[url]), headers=headers, status=200,
                                    preload_content=False, request_url=url)
        response._content = self.files[url]
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        pass


@contextmanager
def offline() -> Iterator[Vendored]:
    from ocdsextensionregistry.util import session

    session.cache.clear()  # ocdsextensionregistry's in-memory HTTP cache: each use starts from the files
    adapter = Vendored(served())
    with mock.patch.object(requests.Session, "get_adapter", lambda self, url: adapter):
        yield adapter


def cove(package: dict[str, Any], tmp: Path) -> dict[str, Any]:
    """libcoveocds' API report on one package, offline."""
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig

    config = LibCoveOCDSConfig({"standard_zip": standard_zip(), "context": "api"})
    with offline() as adapter:
        report = ocds_json_output(str(tmp), json_data=copy.deepcopy(package), lib_cove_ocds_config=config)
    assert adapter.refused == [], f"libcoveocds asked for files that are not vendored: {adapter.refused}"
    return report
