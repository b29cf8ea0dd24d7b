"""The public site: disclosure control, the PII guard, page builders and the MkDocs hook."""
