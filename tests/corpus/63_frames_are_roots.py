# pyodide: yes
# A function's locals are roots while the call runs and are released when it returns.
import gc, weakref

class Token:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("release", self.name)

def work():
    t = Token("local")
    c = Token("cycle")
    c.me = c
    print("collect inside the call:", gc.collect())
    print("returning")

gc.disable()
gc.collect()
work()
print("after return, the cycle waits for the collector")
print("collect after the call:", gc.collect())

def early():
    t = Token("raised")
    raise ValueError("stop")

try:
    early()
except ValueError as e:
    print("caught", e)
print("end")
