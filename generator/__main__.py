"""`python -m generator`: the peixun command, as installed."""

from generator.cli import run

run()
