# A method of a builtin type taken as a value (`m = l.append`) is a new builtin_function_or_method per access:
# a GC object holding its self, freed by its refcount. 3.8 keeps dead ones on the CFunction free list (256),
# so making one there after a death costs no count0 and a death does not lower it; 3.9+ have no such list.
import gc
import sys
print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
r = [None] * 10
l = []
d = {}
m = None
gc.disable()
gc.collect()
r[0] = gc.get_count()
m = l.append
r[1] = gc.get_count()
m = None
r[2] = gc.get_count()
m = l.append
r[3] = gc.get_count()
ms = [l.append, d.get, l.append]
r[4] = gc.get_count()
ms = None
r[5] = gc.get_count()
print([c[0] - r[0][0] for c in r[1:6]])
print("refcount of l while m holds it:", sys.getrefcount(l))
print(type(m).__name__, gc.is_tracked(m), m.__name__, m.__self__ is l)
print("referents:", gc.get_referents(m) == [l], "referrers of l:", len(gc.get_referrers(l)))
print("each access is a new object:", l.append is l.append, l.append == l.append, l.append == d.get)
m(5)
f = d.get
print("calls through the values:", l, f("k", "default"))
del m
print("refcount of l after del m:", sys.getrefcount(l))
# a cycle through a builtin method: the list holds its own bound append
c = []
c.append(c.append)
c = None
print("collected:", gc.collect())
print(sys.getsizeof(l.append), sys.getsizeof(d.get))
