import sys
import os

sys.path.insert(0, os.path.dirname(__file__))
import _helper_mod

_helper_mod.check(-1)
