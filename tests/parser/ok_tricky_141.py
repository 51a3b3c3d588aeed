from ..... import a
