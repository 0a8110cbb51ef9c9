# pyodide: yes
# Every container slot is a strong reference.
import sys
obj = []
print("alone:", sys.getrefcount(obj))
lst = [obj, obj, obj]
print("in a list three times:", sys.getrefcount(obj))
tup = (obj, 1)
print("plus a tuple:", sys.getrefcount(obj))
d = {"a": obj, "b": obj}
print("plus two dict values:", sys.getrefcount(obj))
lst.pop()
print("after pop:", sys.getrefcount(obj))
lst.clear()
print("after clear:", sys.getrefcount(obj))
del d["a"]
print("after del d['a']:", sys.getrefcount(obj))
d.clear()
del tup
print("only the name again:", sys.getrefcount(obj))
