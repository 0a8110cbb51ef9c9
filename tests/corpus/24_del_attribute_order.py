# pyodide: yes
# Deallocating an instance drops its attributes in insertion order, __slots__ in slot order.
import gc
gc.disable()
gc.collect()

class Tag:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("bye", self.name)

class Owner:
    pass

class SlotOwner:
    __slots__ = ("second", "first")

o = Owner()
o.z = Tag("z")
o.a = Tag("a")
o.m = Tag("m")
print("del owner")
del o
s = SlotOwner()
s.first = Tag("first")
s.second = Tag("second")
print("del slot owner")
del s
print("end")
