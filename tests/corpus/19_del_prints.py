# pyodide: yes
# A __del__ that prints: reference counting runs it immediately at the last del.
import gc
gc.disable()
gc.collect()

class Noisy:
    def __init__(self, name):
        self.name = name
        print("create", name)
    def __del__(self):
        print("delete", self.name)

a = Noisy("a")
b = a
print("del a")
del a
print("del b")
del b
print("rebinding c")
c = Noisy("first")
c = Noisy("second")
print("end of program")
c = None
print("done")
