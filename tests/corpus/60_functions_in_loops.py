# pyodide: yes
# Calls inside a loop allocate frames only where the version makes them heap objects.
import gc

def make_pair(i):
    return [i, [i]]

gc.disable()
gc.collect()
keep = []
c0 = gc.get_count()[0]
for i in range(50):
    keep.append(make_pair(i))
c1 = gc.get_count()[0]
print("count0 rose by:", c1 - c0)
keep = None
c2 = gc.get_count()[0]
print("after dropping them:", c2)
