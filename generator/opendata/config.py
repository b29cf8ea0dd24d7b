"""Publication settings for the open data: one place, so that the site configuration can override them.

The OCDS ocid prefix is issued by the Open Contracting Partnership and the bureau's USCC is not
known to this project, so both defaults are placeholders that say so; the site passes real values
once the bureau has them. Nothing here is computed from records.
"""

from __future__ import annotations

from dataclasses import dataclass

# `ocds-xxxxxx` is the placeholder the standard itself uses until a prefix is registered
DEFAULT_OCID_PREFIX = "ocds-xxxxxx"
DEFAULT_PUBLISHER = "人力资源和社会保障局"  # the site names the policy's issuer instead
DEFAULT_BASE_URL = "https://peixun.example.cn/data/"

# the data licence shown on the page and named in every OCDS package
LICENCE_NAME = "知识共享 署名 4.0 国际许可协议（CC BY 4.0）"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

CURRENCY = "CNY"
TIMEZONE = "+08:00"  # dates in records are local dates in China Standard Time
USCI_SCHEME = "CN-USCI"


@dataclass(frozen=True)
class Organisation:
    """A party as OCDS names it: a USCC under the CN-USCI scheme."""

    uscc: str
    name: str
    address: str | None = None

    @property
    def party_id(self) -> str:
        return f"{USCI_SCHEME}-{self.uscc}"


# The buyer of every project. Its real USCC is unknown here: this placeholder (organ code 11, Wuxi
# division 320200, zeros) is deliberately not a valid code, so that nobody mistakes it for the
# bureau's; replace it through the site configuration (`buyer_uscc`).
BUREAU_USCC_PLACEHOLDER = "113202000000000000"
DEFAULT_BUYER = Organisation(uscc=BUREAU_USCC_PLACEHOLDER, name=DEFAULT_PUBLISHER)

# The OCDS bids extension the packages declare (applications are its bids), pinned to the commit
# whose files the tests vendor (tests/fixtures/ocds/bids/), so the declared schema never moves.
BIDS_EXTENSION = ("https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/"
                  "018e0a92aa0e0918ab0e4be138195f120e858c99/extension.json")
