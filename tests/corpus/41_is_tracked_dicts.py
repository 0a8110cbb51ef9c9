# pyodide: yes
# Dicts start untracked, become tracked when they receive a container, and only a full collection untracks them.
import gc
gc.disable()
gc.collect()
empty = {}
atoms = {"a": 1, "b": "two"}
holds = {"a": []}
print("empty:", gc.is_tracked(empty), "atoms:", gc.is_tracked(atoms), "holds a list:", gc.is_tracked(holds))
atoms["c"] = []
print("atoms after adding a list:", gc.is_tracked(atoms))
atoms["c"] = 3
print("list replaced by an int:", gc.is_tracked(atoms))
gc.collect(0)
print("after collect(0):", gc.is_tracked(atoms))
gc.collect(1)
print("after collect(1):", gc.is_tracked(atoms))
gc.collect(2)
print("after collect(2):", gc.is_tracked(atoms), "holds:", gc.is_tracked(holds))
nested = {"inner": {}}
print("dict holding an empty dict:", gc.is_tracked(nested))
