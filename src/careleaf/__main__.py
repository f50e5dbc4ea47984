"""``python -m careleaf``: the same command line, for when the script is not on PATH."""

from careleaf.cli import main

main()
