# pyodide: yes
# gc.collect(1) on a fresh garbage cycle, four times: what it returns, what get_stats() counts, get_count().
import gc

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
gc.disable()
gc.collect()
gc.freeze()
gc.collect()
base = gc.get_stats()[1]["collections"]
for i in range(4):
    m = []
    m.append(m)
    del m
    found = gc.collect(1)
    print("collect(1) found", found, "- counted collections:", gc.get_stats()[1]["collections"] - base,
          "- count:", gc.get_count())
print("left for the full collection:", gc.collect())
