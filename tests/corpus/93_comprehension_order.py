# pyodide: yes
# A list comprehension evaluates its iterable before it builds its result list (<=3.11: after making its function).
import gc

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
gc.disable()
gc.collect()
print("young objects seen by the comprehension:", [type(o).__name__ for o in gc.get_objects(0)])
gc.collect()
print("how many:", [len(gc.get_objects(0)) for o in [1]])
gc.collect()
x = [[]]
print("after a display:", [type(o).__name__ for o in gc.get_objects(0)])
