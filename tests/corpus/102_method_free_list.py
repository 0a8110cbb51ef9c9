# 3.8 keeps dead bound methods on a free list (classobject.c, 256): a bound method made from it is no GC
# allocation, and one that dies there does not lower count0. 3.9 removed that free list (bpo-37340).
import gc
class A:
    def f(self):
        return 1
print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
r = [None] * 10
a = A()
m = None
gc.disable()
gc.collect()
r[0] = gc.get_count()
m = a.f
r[1] = gc.get_count()
m = None
r[2] = gc.get_count()
m = a.f
r[3] = gc.get_count()
ms = [a.f, a.f, a.f]
r[4] = gc.get_count()
ms = None
r[5] = gc.get_count()
ms = [a.f, a.f]
r[6] = gc.get_count()
print([c[0] - r[0][0] for c in r[1:7]])
print("calls make no bound method:", a.f(), a.f())
r[7] = gc.get_count()
print(r[7][0] - r[6][0])
