# count0 of dict constructors and copies: dict(...) is tp_alloc (never the dict free list), a split-table copy
# is PyObject_GC_New; 3.8's dict(d) and d.update(d2) also make a bound `keys` method (its own free list).
import gc, sys
class A:
    pass
print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
r = [None] * 10
inst = A()
inst.x = 1
idict = inst.__dict__
src = {"a": 1, "b": 2}
a = b = c = None
gc.disable()
gc.collect()
a = {}
b = {}
c = {}
a = b = c = None
r[0] = gc.get_count()
a = src.copy()
r[1] = gc.get_count()
b = idict.copy()
r[2] = gc.get_count()
c = dict(src)
r[3] = gc.get_count()
a = b = c = None
r[4] = gc.get_count()
e = {}
r[5] = gc.get_count()
e.update(src)
r[6] = gc.get_count()
print("count0 after each: copy, instance dict copy, dict(d), all dropped, {}, update:", [x[0] - r[0][0] for x in r[1:7]])
print("dict() sizes:", sys.getsizeof(dict()), sys.getsizeof(dict([])), sys.getsizeof(dict({})), sys.getsizeof(dict(x=1)))
