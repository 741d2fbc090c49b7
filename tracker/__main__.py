"""`python -m tracker ...` is the `licensure` command (the scheduler starts its runs this way)."""

from tracker.cli import main

if __name__ == "__main__":
    main()
