"""The `licensure` commands, one module per feature area, registered in tracker/cli.py.

A command module defines click commands and imports what commands share from
tracker/commands/common.py, never from tracker/cli.py; adding one is a module
here and a line in tracker/cli.py (`cli.add_command(module.command)`).
"""
