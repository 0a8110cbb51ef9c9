# pyodide: yes
# Instance attributes, class attributes and __slots__ hold strong references.
import sys

class Plain:
    shared = []

class Slotted:
    __slots__ = ("x", "y")

target = []
p = Plain()
p.x = target
print("one instance attribute:", sys.getrefcount(target))
p.y = target
print("two instance attributes:", sys.getrefcount(target))
s = Slotted()
s.x = target
s.y = target
print("plus two slots:", sys.getrefcount(target))
s.x = None
print("slot overwritten:", sys.getrefcount(target))
Plain.shared.append(target)
print("in a class attribute list:", sys.getrefcount(target))
p2 = Plain()
print("class attribute seen from instance is same:", p2.shared is Plain.shared)
del p
print("instance deleted:", sys.getrefcount(target))
