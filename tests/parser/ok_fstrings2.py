a = f"{x}"
b = f"{x!r}"
c = f"{x:10}"
d = f"{x:{w}}"
e = f"{x:{w}.{p}f}"
f = f"{x=}"
g = f"{x!r:^10}"
h = f"{ x }"
i = f"{x,y}"
j = f"{x if y else z}"
k = f"{'nested'}"
l = f"{a['b']}"
m = f"{3.14:.2f} {1e3}"
n = f"{lambda: 1}"
o = f"""{
x
}"""
p = f"""line1
{y}
line3 {z!s}"""
q = (f"a{b}"
     f"c{d}")
r = f"{{}}"
s = f"{{{x}}}"
t = f"{x:>{width}}" "tail"
u = "head" f"{x}"
v = f"" ""
w = f"{x}" f"" f"{y}"
x = f'{a!r=}' if 0 else 1
y = f"{x = !r:>5}"
z = f"{'a' 'b'}"
aa = rf"\{x}"
bb = f"{x:{{}}}"
