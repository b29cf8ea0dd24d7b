"""peixun: the notice on project-based employment skills training, as executable law over Git records."""

__version__ = "0.1.0"
