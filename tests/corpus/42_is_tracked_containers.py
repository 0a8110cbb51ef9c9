# pyodide: yes
# Lists, sets and instances are always tracked; atoms never are.
import gc

class Node:
    pass

class Slim:
    __slots__ = ()

print("list:", gc.is_tracked([]), gc.is_tracked([1, 2]))
print("set:", gc.is_tracked(set()), gc.is_tracked({1, 2}))
print("instance:", gc.is_tracked(Node()), gc.is_tracked(Slim()))
print("class:", gc.is_tracked(Node))
print("str/int/float/bytes:", gc.is_tracked("abc"), gc.is_tracked(10 ** 30), gc.is_tracked(3.25), gc.is_tracked(b"xy"))
print("True/None:", gc.is_tracked(True), gc.is_tracked(None))
gc.collect()
lst = [1, 2]
print("list of ints after a full collect:", gc.is_tracked(lst))
