# A tuple display of literals, nested tuples included, is one constant made by the compiler: nothing is
# allocated when it runs, a collection untracks it, and its items are held by the tuple and the AST arena.
import gc
import sys

gc.disable()
gc.collect()
c0 = gc.get_count()
u = ((1, 2), 3)
w = (("a b", (4.5, 5)), None)
c1 = gc.get_count()
print("allocated by the two displays:", c1[0] - c0[0] - 1)
print("tracked:", gc.is_tracked(u), gc.is_tracked(w), gc.is_tracked(u[0]), gc.is_tracked(w[0][1]))
print("refcounts:", sys.getrefcount(u), sys.getrefcount(u[0]), sys.getrefcount(w[0]), sys.getrefcount(w[0][0]))
print("inner items:", sys.getrefcount(w[0][1]), sys.getrefcount(w[0][1][0]))
x = (7.25, "e f")
print("flat items:", sys.getrefcount(x), sys.getrefcount(x[0]), sys.getrefcount(x[1]))
print(u, w, x)
