# pyodide: yes
# The info dict given to gc.callbacks on start and stop.
import gc

def cb(phase, info):
    print(phase, "generation", info["generation"], "collected", info["collected"], "uncollectable", info["uncollectable"])

gc.disable()
gc.collect()
l = []
l.append(l)
del l
gc.callbacks.append(cb)
print("returned:", gc.collect(0))
print("returned:", gc.collect(1))
d = {}
d["d"] = d
del d
print("returned:", gc.collect())
gc.callbacks.remove(cb)
print("callbacks left:", len(gc.callbacks))
