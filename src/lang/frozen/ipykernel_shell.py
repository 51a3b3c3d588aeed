"""The objects of an IPython kernel that a notebook can reach, for heaplab's
cell mode (src/lang/ipython.c).

In Jupyter, `get_ipython()` is the kernel's shell, and some of its objects
hold references to the values a notebook makes: the display hook keeps the
last three results, the shell's hidden namespace a second copy of _, __,
___ and _N, the last ExecutionResult the last displayed value and the last
exception.  Those references show in sys.getrefcount and gc.get_referrers,
so heaplab keeps them in objects of the same names: ipython.c makes one
shell, fills in the attributes and updates them as IPython does, and
these classes give them their names and little else (the kernel's real
machinery -- messaging, history database, formatters -- does not exist
here).  This source is run once, in a namespace of its own: it is not an
importable module.
"""


class ExitAutocall:
    __module__ = 'IPython.core.autocall'


class ZMQExitAutocall(ExitAutocall):
    __module__ = 'IPython.core.autocall'

    def __call__(self, keep_kernel=False):
        # A kernel would end once the cell is done; heaplab's session stays.
        pass


class ExecutionInfo:
    __module__ = 'IPython.core.interactiveshell'
    raw_cell = None
    store_history = False
    silent = False
    shell_futures = True
    cell_id = None

    def __init__(self, raw_cell, store_history, silent, shell_futures, cell_id):
        self.raw_cell = raw_cell
        self.store_history = store_history
        self.silent = silent
        self.shell_futures = shell_futures
        self.cell_id = cell_id


class ExecutionResult:
    __module__ = 'IPython.core.interactiveshell'
    execution_count = None
    error_before_exec = None
    error_in_exec = None
    info = None
    result = None

    def __init__(self, info):
        self.info = info

    @property
    def success(self):
        return self.error_before_exec is None and self.error_in_exec is None


class HistoryManager:
    __module__ = 'IPython.core.history'


class DisplayHook:
    __module__ = 'IPython.core.displayhook'


class ZMQShellDisplayHook(DisplayHook):
    __module__ = 'ipykernel.displayhook'


class InteractiveShell:
    __module__ = 'IPython.core.interactiveshell'

    def get_ipython(self):
        return self


class ZMQInteractiveShell(InteractiveShell):
    __module__ = 'ipykernel.zmqshell'
