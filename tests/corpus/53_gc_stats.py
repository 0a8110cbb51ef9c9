# pyodide: yes
# gc.get_stats() counts collections and collected objects per collected generation.
import gc
gc.disable()
gc.collect()
before = gc.get_stats()
l = []
l.append(l)
del l
gc.collect(0)
gc.collect(0)
m = []
m.append(m)
del m
gc.collect(1)
gc.collect()
after = gc.get_stats()
for g in range(3):
    print(g, "collections +", after[g]["collections"] - before[g]["collections"],
          "collected +", after[g]["collected"] - before[g]["collected"],
          "uncollectable +", after[g]["uncollectable"] - before[g]["uncollectable"])
print("keys:", sorted(after[0].keys()))
