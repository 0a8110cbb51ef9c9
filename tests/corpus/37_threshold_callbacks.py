# pyodide: yes
# With threshold0 = 10 automatic collections happen often; gc.callbacks sees each one.
import gc

events = []

def cb(phase, info):
    if phase == "stop":
        events.append(info["generation"])

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
gc.disable()
gc.collect()
gc.freeze()
gc.collect()
gc.set_threshold(10, 3, 3)
print("threshold:", gc.get_threshold())
keep = []
gc.callbacks.append(cb)
gc.enable()
for i in range(400):
    keep.append([])
gc.disable()
gc.callbacks.remove(cb)
print("collections:", len(events))
print("generations:", events)
