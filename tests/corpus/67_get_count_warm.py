# pyodide: yes
# gc.get_count() in straight-line code and in a loop, after a warm-up that makes first-use allocations.
import gc

class Node:
    pass

print("warm-up:", [0], (0,), {0: 0})
gc.disable()
gc.collect()
print(gc.get_count())
print(gc.get_count())
a = [1, 2, 3]
print(gc.get_count())
b = {"k": 1}
print(gc.get_count())
n = Node()
n.attr = 1
print(gc.get_count())
t = (a, b)
print(gc.get_count())
del a, b, t
print(gc.get_count())
keep = []
for i in range(6):
    keep.append([i])
    print(i, gc.get_count())
gc.collect(0)
print(gc.get_count())
