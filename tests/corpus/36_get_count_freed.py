# pyodide: yes
# Freeing containers lowers count0 (never below zero); free lists hide some allocations.
import gc

class Node:
    __slots__ = ("v",)

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
gc.disable()
gc.collect()
keep = [None] * 200
print("start:", gc.get_count())
for i in range(200):
    keep[i] = Node()
print("200 nodes:", gc.get_count())
for i in range(200):
    keep[i] = None
print("all freed:", gc.get_count())
gc.collect()
for i in range(200):
    keep[i] = [i]
print("200 lists:", gc.get_count())
for i in range(200):
    keep[i] = None
print("lists freed:", gc.get_count())
