"""What people read and see of the game, shared by the client and the debrief: events told
in sentences (``narrate``), pacts, proposals and orders in plain words (``pacts``) and the
powers' and the map's colours (``palette``). Pure text and tuples: no pygame, no match.
"""
