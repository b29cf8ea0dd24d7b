"""Every section `peixun contract` writes into hand-written files: the contract's, and the site's nav.

The navigation is the site's (`urls.NAV`), and `generator.contract` sits below the site in the
layers, so the full list of generated sections is assembled here, above both: the `nav:` of the
engine's mkdocs.yml and of the template `peixun init` renders.
"""

from __future__ import annotations

from generator.contract import SECTIONS as CONTRACT_SECTIONS
from generator.contract import Section
from generator.site.urls import nav_yaml

NAV_SECTIONS: tuple[Section, ...] = (
    Section("mkdocs.yml", "nav", lambda root: nav_yaml()),
    Section("generator/init/templates/mkdocs.yml", "nav", lambda root: nav_yaml()),
)

SECTIONS: tuple[Section, ...] = (*CONTRACT_SECTIONS, *NAV_SECTIONS)
