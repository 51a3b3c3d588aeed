def f(a: int = 1, *b: *Ts, c: str, **d: bool) -> None: pass
