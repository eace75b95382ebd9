"""Hot-seat play: several people at one screen, taking turns to plan in private.

``table`` holds the rules of the table (who plans next, when the turn is adjudicated) and
no pygame; ``saves`` finds and names saved games; ``flow`` shows each step on the screens.
"""

from .saves import SaveInfo, default_saves_dir, list_saves, new_save_path
from .table import OUTCOME, OVER, PLANNING, HotseatGame, Over, Plan, SeatChoice, Step, Watch

__all__ = ["HotseatGame", "SeatChoice", "Plan", "Watch", "Over", "Step", "PLANNING",
           "OUTCOME", "OVER", "SaveInfo", "default_saves_dir", "list_saves", "new_save_path"]
