# pyodide: yes
# A for loop holds the list through its iterator, and the item through the loop variable.
import sys
a = []
b = []
seq = [a, b]
print("list before loop:", sys.getrefcount(seq))
for item in seq:
    print("list during loop:", sys.getrefcount(seq), "item:", sys.getrefcount(item))
print("list after loop:", sys.getrefcount(seq))
print("last item still bound:", sys.getrefcount(b))
del item
print("after del item:", sys.getrefcount(b))
for i in range(3):
    print("range step", i)
for k in {"x": a}.keys():
    print("key", k)
