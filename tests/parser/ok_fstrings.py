name = "world"
print(f"hello {name}!")
print(f'{x!r} {y!s:>10} {z!a}')
print(f"{x=}")
print(f"{x = }")
print(f"{x=:>10}")
print(f"{x=!s}")
print(f"{{literal}} {x:{width}.{precision}}")
print(f"a" "b" f"{c}" 'd')
print(F"{a['k']}" rf"\d{b}")
msg = f"""multi
line {value}
end"""
nested = f"{f'{x}'}"
e = f"{x:}"
