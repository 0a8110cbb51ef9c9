# pyodide: no: counts include first-use allocations (the first repr of a container), which a warm shared Pyodide has already made
# gc.get_count() across a loop that keeps one new list per iteration.
import gc
gc.disable()
gc.collect()
keep = []
for i in range(8):
    keep.append([i])
    print(i, gc.get_count())
gc.collect(0)
i = 0
while i < 5:
    keep.append({"i": [i]})
    i += 1
print("after while:", gc.get_count())
