# pyodide: yes
# Many gc.collect(1) calls without gc.freeze(), 300 new garbage lists before each: which ones collect, and how much.
import gc

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
gc.disable()
gc.collect()
base = gc.get_stats()[1]["collections"]
runs = []
total = 0
step = 0
while step < 160:
    j = 0
    while j < 300:
        m = []
        m.append(m)
        j += 1
    m = None
    found = gc.collect(1)
    total += found
    if found and len(runs) < 16:
        runs.append(step)
        runs.append(found)
    step += 1
print("first collecting steps and what they found:", runs)
print("collected by the 160 calls:", total)
print("counted collections:", gc.get_stats()[1]["collections"] - base)
print("left for the full collection:", gc.collect())
