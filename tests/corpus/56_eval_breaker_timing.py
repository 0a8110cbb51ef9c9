# pyodide: yes
# Exactly when an automatic collection starts: inside the allocation (<= 3.11) or at the next check (3.12+).
import gc

state = [-1]
seen = []

def cb(phase, info):
    if phase == "start":
        seen.append(state[0])

keep = [None] * 100
gc.disable()
gc.collect()
gc.freeze()
gc.collect()
gc.set_threshold(20)
gc.callbacks.append(cb)
gc.enable()
i = 0
while i < 100:
    keep[i] = []
    state[0] = i
    i += 1
gc.disable()
gc.callbacks.remove(cb)
print("collections started at iterations:", seen)
