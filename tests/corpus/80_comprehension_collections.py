# pyodide: yes
# Automatic collections while a list comprehension allocates: its loop is a place where 3.12+ collect too.
import gc

starts = []

def cb(phase, info):
    if phase == "start":
        starts.append(info["generation"])

print("warm-up:", [0], (0,), {0: 0})
gc.disable()
gc.collect()
gc.freeze()
gc.collect()
gc.set_threshold(50)
gc.callbacks.append(cb)
gc.enable()
x = [[] for i in range(200)]
gc.disable()
gc.callbacks.remove(cb)
print("lists:", len(x))
print("collections during the comprehension:", starts)
