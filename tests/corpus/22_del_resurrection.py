# pyodide: yes
# A __del__ that stores self resurrects the object; __del__ never runs twice.
import gc
gc.disable()
gc.collect()

saved = []

class Phoenix:
    calls = 0
    def __del__(self):
        Phoenix.calls += 1
        saved.append(self)

p = Phoenix()
del p
print("after del: saved", len(saved), "calls", Phoenix.calls)
saved.clear()
print("after clearing: calls", Phoenix.calls)

a = Phoenix()
b = Phoenix()
a.peer = b
b.peer = a
del a, b
print("cycle collect:", gc.collect())
print("saved", len(saved), "calls", Phoenix.calls)
saved.clear()
print("second collect:", gc.collect())
print("calls", Phoenix.calls)
