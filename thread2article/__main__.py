"""`python -m thread2article` is the same as the `thread2article` command."""

from .cli import run

run()
