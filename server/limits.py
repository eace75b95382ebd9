"""A host's default limits, in a module with no dependencies so that ``casus host --help``
can show them without loading the server."""

CREATIONS_PER_HOUR = 20    # new matches one network address may create in an hour
MAX_MATCHES = 1000         # matches held in memory at once (unloaded ones do not count)
