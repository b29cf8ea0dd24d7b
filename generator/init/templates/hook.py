"""MkDocs hook of this records repository: the engine's hook, from the version pinned in
requirements.txt. No code of its own lives here."""

from generator.site.mkdocs_hook import on_build_error, on_config, on_files, on_post_build  # noqa: F401
