"""OCDS records: each project's releases compiled into its current state (record packages).

A record holds the process's releases (linked by URL, `packages` names the release package) and
the compiled release, merged by the standard's merge rules
(https://standard.open-contracting.org/1.1/en/schema/merging/): releases in date order; an object
merges field by field; an array of objects with an `id` merges item by item on that id; any other
array, and every other value, is replaced by the later release's; `null` removes a field; the
release's own `id`, `date` and `tag` are not merged, the compiled release takes the `ocid`, the last
date, `id` = ocid-date and the tag `compiled`. Every array this project publishes whose items
carry an `id` is one the schema merges by identifier (the tests compare with ocdsmerge, the
reference implementation, over the schema with the bids extension), so no schema is read here and
the build stays offline.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.opendata.config import BIDS_EXTENSION, LICENCE_URL, Organisation
from generator.opendata.ocds import OCDS_VERSION, Release, publisher_of
from generator.opendata.ocds_values import timestamp

OMITTED = ("id", "date", "tag")


def _by_id(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(i, dict) and "id" in i for i in items)


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if value is None:
            into.pop(key, None)
        elif isinstance(value, dict):
            current = into.get(key)
            merged: dict[str, Any] = dict(current) if isinstance(current, dict) else {}
            _merge(merged, value)
            into[key] = merged
        elif isinstance(value, list) and _by_id(value):
            current = into.get(key)
            items: dict[str, dict[str, Any]] = (
                {str(i["id"]): i for i in current} if isinstance(current, list) and _by_id(current) else {}
            )
            for item in value:
                merged_item = dict(items.get(str(item["id"]), {}))
                _merge(merged_item, item)
                items[str(item["id"])] = merged_item
            into[key] = list(items.values())
        else:
            into[key] = value


def compile_releases(releases: Iterable[Release]) -> Release:
    """The compiled release of one process's releases (given in date order)."""
    compiled: Release = {"tag": ["compiled"]}
    for release in releases:
        compiled["id"] = f"{release['ocid']}-{release['date']}"
        compiled["date"] = release["date"]
        compiled["ocid"] = release["ocid"]
        _merge(compiled, {k: v for k, v in release.items() if k not in OMITTED})
    return compiled


def record(releases: list[Release], package_uri: str) -> dict[str, Any]:
    """One project's record: its releases linked by URL (package URI # release id) and compiled."""
    return {
        "ocid": releases[0]["ocid"],
        "releases": [{"url": f"{package_uri}#{r['id']}", "date": r["date"], "tag": r["tag"]} for r in releases],
        "compiledRelease": compile_releases(releases),
    }


def record_package(records: list[dict[str, Any]], *, uri: str, packages: list[str], publisher: Organisation | str,
                   as_of: Any, publisher_uri: str = "") -> dict[str, Any]:
    """A record package beside the release packages it compiles (`packages`)."""
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": [BIDS_EXTENSION],
        "publisher": publisher_of(publisher, publisher_uri),
        "license": LICENCE_URL,
        "publishedDate": timestamp(as_of),
        "packages": packages,
        "records": records,
    }
