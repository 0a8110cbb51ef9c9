# pyodide: yes
# Tuples of atoms are untracked by the first collection that sees them; tuples holding containers stay tracked.
import gc
gc.disable()
gc.collect()
n = 3
atoms = tuple([1, 2, n])
holder = tuple([[], 1])
nested = tuple([tuple([1, n]), 2])
print("before:", gc.is_tracked(atoms), gc.is_tracked(holder), gc.is_tracked(nested))
gc.collect(0)
print("after collect(0):", gc.is_tracked(atoms), gc.is_tracked(holder), gc.is_tracked(nested))
gc.collect(1)
print("after collect(1):", gc.is_tracked(atoms), gc.is_tracked(holder), gc.is_tracked(nested))
print("empty tuple:", gc.is_tracked(()))
print("atoms:", gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(None), gc.is_tracked(2.5))
