# pyodide: yes
# A stored bound method keeps its instance alive; a direct call does not create one.
import sys

class Counter:
    def __init__(self):
        self.n = 0
    def bump(self):
        self.n += 1
        return self.n

c = Counter()
print("instance:", sys.getrefcount(c))
c.bump()
print("after a direct call:", sys.getrefcount(c))
m = c.bump
print("bound method stored:", sys.getrefcount(c))
m()
m()
print("count:", c.n)
m2 = c.bump
print("second bound method:", sys.getrefcount(c), m is m2, m == m2)
del m, m2
print("methods deleted:", sys.getrefcount(c))
