from . import (a, b as c)
