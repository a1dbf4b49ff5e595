"""This assignment's self-check: ``SelfCheck`` replays the public checks frozen
next to it, ``QuizCheck`` checks the format of quiz answers. Written by ``dlcourse release``;
it needs only numpy. See selfcheck.py.
"""

from .quiz import QuizCheck
from .selfcheck import SelfCheck, SelfCheckFailed

__all__ = ["QuizCheck", "SelfCheck", "SelfCheckFailed"]
