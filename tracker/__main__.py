"""`python -m tracker ...` is the `licensure` command."""

from tracker.cli import main

if __name__ == "__main__":
    main()
