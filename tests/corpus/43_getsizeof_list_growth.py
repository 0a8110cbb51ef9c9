# List growth: sys.getsizeof as a list grows by append (over-allocation steps).
import sys
lst = []
last = sys.getsizeof(lst)
print("empty:", last)
for i in range(70):
    lst.append(i)
    size = sys.getsizeof(lst)
    if size != last:
        print("len", len(lst), "size", size)
        last = size
print("literal of 5:", sys.getsizeof([1, 2, 3, 4, 5]))
print("list(range(5)):", sys.getsizeof(list(range(5))))
lst.clear()
print("after clear:", sys.getsizeof(lst))
