# pyodide: yes
# The article example: a class whose __del__ prints, in a cycle and alone.
import gc

class Resource:
    def __init__(self, name):
        self.name = name
        print(f"open {self.name}")
    def __del__(self):
        print(f"close {self.name}")

def use():
    r = Resource("local")
    print("using", r.name)

use()
print("after use()")
x = Resource("x")
y = Resource("y")
x.partner = y
y.partner = x
gc.disable()
del x, y
print("cycle dropped, nothing closed yet")
print(f"gc.collect() -> {gc.collect()}")
print("end")
