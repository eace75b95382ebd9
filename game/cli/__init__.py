"""The ``casus`` command and its subcommands, one module each."""
