"""All Git access goes through this package (GitPython over real repositories)."""
