# Set growth: sys.getsizeof as ints are added.
import sys
s = set()
last = sys.getsizeof(s)
print("empty:", last)
for i in range(60):
    s.add(i)
    size = sys.getsizeof(s)
    if size != last:
        print("len", len(s), "size", size)
        last = size
for i in range(60):
    s.discard(i)
print("emptied by discard:", sys.getsizeof(s), len(s))
