"""Subcommands of the ``newsbench`` CLI, one module per area; see ``newsbench.cli.COMMANDS``."""
