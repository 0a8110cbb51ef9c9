# pyodide: yes
# Container methods and the references they add and drop.
import sys
o = []
lst = []
lst.append(o)
lst.extend([o, o])
lst.insert(0, o)
print("after append/extend/insert:", len(lst), sys.getrefcount(o))
lst.remove(o)
print("after remove:", len(lst), sys.getrefcount(o))
p = lst.pop(0)
print("after pop into a name:", sys.getrefcount(o))
del p
d = {}
d.setdefault("k", o)
d.update({"j": o})
print("dict holds:", sys.getrefcount(o))
v = d.pop("k")
print("popped into a name:", sys.getrefcount(o))
s = set()
s.add(1)
s.add(2)
s.discard(1)
s.remove(2)
print("set now empty:", len(s))
lst.clear()
d.clear()
del v
print("all dropped:", sys.getrefcount(o))
