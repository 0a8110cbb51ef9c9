# count0 around print calls after a full collection (free lists empty). 3.11-3.13: print packs its positional
# arguments into a tuple of that size (Argument Clinic `*args`), which then sits on the tuple free list.
import gc

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
r = [None] * 20
gc.disable()
gc.collect()
r[0] = gc.get_count()
print(1)
r[1] = gc.get_count()
print(1, 2)
r[2] = gc.get_count()
print(1, 2)
r[3] = gc.get_count()
print()
r[4] = gc.get_count()
print(1, 2, 3, sep="", end="\n")
r[5] = gc.get_count()
print("after print(1), print(1, 2) twice, print(), print(1, 2, 3):", [c[0] - r[0][0] for c in r[:6]])
gc.collect()
print(gc.get_count())
for i in range(3):
    print(i, gc.get_count())
gc.collect()
t = gc.get_count()
print(t)
x = (t,)
print("count0 after print(t) and a new 1-tuple:", gc.get_count()[0] - t[0])
