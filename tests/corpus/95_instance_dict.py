# 3.8-3.10: `obj.__dict__` and `vars(obj)` are the instance's split-table dict (3.11+ is not modelled yet).
import gc
import sys

class A:
    pass

class S:
    __slots__ = ("p",)

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
r = [None] * 10
gc.disable()
gc.collect()
a = A()
a.x = 1
a.y = [1]
r[0] = gc.get_count()
d = a.__dict__
r[1] = gc.get_count()
print("reading __dict__ allocates nothing:", r[0] == r[1])
print("it is a dict:", type(d).__name__, d, gc.is_tracked(d), sys.getsizeof(d), sys.getrefcount(d))
print("the same dict every time:", d is a.__dict__, d is vars(a))
d["z"] = 3
print("a store through it is an attribute:", a.z, len(d), sys.getsizeof(d))
a.w = 4
print("and an attribute is in it:", d, sys.getsizeof(d))
del d
print("the instance holds it, then its class:", gc.get_referents(a))
b = A()
r[2] = gc.get_count()
e = b.__dict__
r[3] = gc.get_count()
print("an instance without attributes gets its dict now:", e, r[3][0] - r[2][0], gc.is_tracked(e), sys.getsizeof(e))
print("hasattr:", hasattr(a, "__dict__"), hasattr(S(), "__dict__"))
c = A()
c.__dict__["me"] = c
print("a cycle through the dict:", c.me is c, sys.getrefcount(c))
del c
print("collected:", gc.collect())
try:
    vars(S())
except TypeError as err:
    print("TypeError:", err)
try:
    S().__dict__
except AttributeError as err:
    print("AttributeError:", err)
