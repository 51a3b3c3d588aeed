pass
del x, y[0], z.a, (p, q), [r, s]
global a, b
nonlocal_name = 1
assert x, "message"
assert y
raise
raise ValueError
raise ValueError("bad") from exc
raise E from None
import os
import os.path as osp, sys
from . import a
from .. import b as c
from ... import d
from .... import e
from ..pkg.mod import (f, g as h,)
from mod import *
x = yield_ = 1
if True: pass; pass
while False: break
for i in x: continue
