# Dict growth: sys.getsizeof as keys are added, and after clear.
import sys
d = {}
last = sys.getsizeof(d)
print("empty:", last)
for i in range(100):
    d[i] = i
    size = sys.getsizeof(d)
    if size != last:
        print("len", len(d), "size", size)
        last = size
d.clear()
print("after clear:", sys.getsizeof(d))
print("one key:", sys.getsizeof({"a": 1}))
