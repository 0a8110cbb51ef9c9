# pyodide: yes
# Slicing copies references: every slice adds one reference to each item it holds.
import sys
item = []
lst = [item, item, 1, item]
print("start:", sys.getrefcount(item))
half = lst[:2]
print("after lst[:2]:", sys.getrefcount(item), half)
rev = lst[::-1]
print("after lst[::-1]:", sys.getrefcount(item))
del lst[:]
print("after del lst[:]:", sys.getrefcount(item), lst)
half = rev = None
print("end:", sys.getrefcount(item))
