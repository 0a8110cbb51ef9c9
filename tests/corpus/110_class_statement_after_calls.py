# pyodide: yes
# A class statement after calls that create instances: on 3.13+ a specialized call site (CALL_ALLOC_AND_ENTER_INIT)
# packs no args tuple for P(1), so the class statement finds the tuple free lists empty.
import gc
gc.disable(); gc.collect(); gc.collect(); gc.freeze(); gc.collect()
class P:
    def __init__(self, n):
        self.n = n
class Q(P):
    def __init__(self, n, m):
        P.__init__(self, n)
        self.m = m
r = [None] * 40
for i in range(20):
    a = P(1); b = Q(2, 3)
    a.o = b; b.o = a
    if i == 0 or i == 10 or i == 15:
        r[i] = gc.get_count()
        class T:
            pass
        r[i + 1] = gc.get_count()
print([r[k + 1][0] - r[k][0] for k in (0, 10, 15)])
