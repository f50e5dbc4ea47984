"""``python -m careleaf``: the same command line, for when the script is not on PATH."""

from .cli import main

main()
