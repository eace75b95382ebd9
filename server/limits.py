"""A host's limits, in a module with no dependencies so that ``casus host --help`` can show
them without loading the server. Every one is listed in docs/PROTOCOL.md ("Limits") with
what a client gets beyond it; the protocol's own limits (frame size, rate per connection)
are in game/protocol.py."""

CREATIONS_PER_HOUR = 20    # new matches (created or forked) one network address may make an hour
MAX_MATCHES = 1000         # matches held in memory at once (unloaded ones do not count)

# --- connections (close codes in docs/PROTOCOL.md) --------------------------------------------

MAX_CONNECTIONS = 2000               # open websocket connections to the host (1013 beyond)
MAX_CONNECTIONS_PER_ADDRESS = 64     # open connections from one network address (1013 beyond)
MAX_CONNECTIONS_PER_TOKEN = 8        # connections following a match through one seat token
HELLO_SECONDS = 10.0                 # a new connection's first message must come this soon (1008)

# --- memory -------------------------------------------------------------------------------------

# Bytes written to a connection but not yet taken by its client, counting the batch being
# written: beyond this the client is too slow and is dropped (1008 if it can still be told).
MAX_UNSENT_BYTES = 4 * 1024 * 1024
# The same summed over every connection of the host: beyond it the most backlogged
# connections are dropped until the host is under it again.
MAX_HOST_UNSENT_BYTES = 64 * 1024 * 1024

# --- the lobby ------------------------------------------------------------------------------------

LIST_PAGE = 100                      # matches in one match_list reply (at most; default)
LIST_RATE = 2.0                      # list_matches a second from one address, sustained
LIST_BURST = 10                      # list_matches from one address at once

# --- chat -----------------------------------------------------------------------------------------

CHAT_SNAPSHOT = 100                  # chat messages in a snapshot (the newest); older: chat_history
CHAT_PAGE = 100                      # chat messages in one chat_page reply (at most)
CHAT_RATE = 1.0                      # chat messages a second from one seat, over all connections
CHAT_BURST = 10                      # chat messages from one seat at once

# --- the clock ------------------------------------------------------------------------------------

MAX_DEADLINE_SECONDS = 30 * 24 * 3600    # a turn's deadline, a warning or a change of deadline
