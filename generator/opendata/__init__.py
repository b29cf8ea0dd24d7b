"""Open data (README, open data): CSV, JSON, SQLite and OCDS downloads with stable URLs, and their page."""

from generator.opendata.page import page_markdown
from generator.opendata.write import write_downloads

__all__ = ["page_markdown", "write_downloads"]
