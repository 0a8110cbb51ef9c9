# pyodide: yes
# A list drops its items from last to first; a dict drops its values in insertion order.
import gc
gc.disable()
gc.collect()

class Tag:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("bye", self.name)

items = [Tag("L0"), Tag("L1"), Tag("L2")]
print("del list")
del items
d = {}
d["k0"] = Tag("D0")
d["k1"] = Tag("D1")
d["k2"] = Tag("D2")
print("del dict")
del d
t = (Tag("T0"), Tag("T1"))
print("del tuple")
del t
