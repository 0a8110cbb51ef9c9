# pyodide: yes
# A weak reference does not keep its object alive and does not change its refcount.
import sys, weakref

class Thing:
    pass

t = Thing()
print("refcount:", sys.getrefcount(t))
r = weakref.ref(t)
print("refcount with weakref:", sys.getrefcount(t))
print("alive:", r() is t)
print("weakref count:", weakref.getweakrefcount(t))
del t
print("dead:", r() is None)
print("weakref count of dead:", r() is None)
