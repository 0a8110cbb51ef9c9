# pyodide: yes
# Modules are GC objects (tracked); tuples made by PyTuple_New (Py_BuildValue, divmod) are tracked at creation.
import gc

print("a module is tracked:", gc.is_tracked(gc))
print("the tuple gc.get_count() returns is tracked:", gc.is_tracked(gc.get_count()))
print("so is gc.get_threshold()'s:", gc.is_tracked(gc.get_threshold()))
print("and divmod()'s:", gc.is_tracked(divmod(7, 2)))
t = gc.get_count()
gc.collect()
print("a collection untracks it (it holds only ints):", gc.is_tracked(t))
d = {}
d["m"] = gc
print("a dict holding a module is tracked:", gc.is_tracked(d))
gc.collect()
print("and stays tracked after a full collection:", gc.is_tracked(d))
gc.disable()
gc.collect()
gc.freeze()
x = []
print("young objects after storing a list in the module's globals:", len(gc.get_objects(0)))
gc.unfreeze()
