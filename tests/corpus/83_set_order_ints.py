# pyodide: yes
# Sets of ints print, iterate and pop in their hash table's slot order (Objects/setobject.c), not insertion order.
# Small non-negative ints hash to themselves on 32- and 64-bit builds alike, so Pyodide agrees.
import gc
print({3, 1, 2, 100, 33})
s = set()
for x in (3, 1, 2, 100, 33, 64, 8, 16):
    s.add(x)
print(s, list(s))
print(sorted(s))
t = {7, 15, 8}
x = 7
print(t, {x, 15, 8}, set((7, 15, 8)))
u = set()
for k in (1, 2, 9, 17):
    u.add(k)
u.discard(1)
u.discard(9)
u.add(25)
print(u)
g = set()
i = 0
while len(g) < 300:
    g.add(i * 37 % 1009)
    i += 1
    if len(g) in (5, 19, 77):
        print(len(g), list(g))
p = set(range(20))
for x in (3, 4, 5):
    p.discard(x)
popped = []
for i in range(6):
    popped.append(p.pop())
p.add(0)
popped.append(p.pop())
print(popped, p)
a = set(range(0, 40, 3))
b = set(range(0, 60, 5))
print(a | b, a & b, b & a)
print(a - b, b - a, a ^ b)
c = a.copy()
c |= {1000, 2000}
c -= {0, 3}
c ^= {6, 7}
print(c)
print(gc.get_referents({40, 8, 16, 0, 24}))
d = set(range(50))
d.clear()
for x in (9, 1, 17):
    d.add(x)
print(d)
