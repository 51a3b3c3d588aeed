a = 'single'
b = "double"
c = '''triple
single'''
d = """triple
double"""
e = r'raw\n\d'
f = R"RAW"
g = u'unicode'
h = U'upper u'
i = 'tab\there\nnewline\\back\'quote\"dq'
j = '\x41\u00e9\U0001F600\101\0\a\b\f\v\r'
k = 'implicit' ' concatenation' "works"
l = ('multi'
     'line'
     'concat')
m = 'line \
continuation'
n = ''
o = '' ''
p = 'a' ''
q = u'kind' 'b'
r = 'not kind' u'b'
s = 'é' 'ü' '€' '😀'
t = "\d invalid escape"
u = r'x' if 0 else 'y'
