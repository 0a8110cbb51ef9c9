# pyodide: yes
# When an object dies, its __del__ runs first, then the callbacks of the weakrefs to it.
import weakref

class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__ of", self.name)

def cb(ref):
    print("weakref callback, dead:", ref() is None)

r = Res("r")
w = weakref.ref(r, cb)
print("drop")
r = None
print("after")
