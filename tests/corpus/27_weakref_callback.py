# pyodide: yes
# Weakref callbacks run when the object dies, newest weakref first.
import weakref

class Thing:
    pass

log = []

def first(ref):
    print("callback first, referent gone:", ref() is None)

def second(ref):
    print("callback second")

t = Thing()
r1 = weakref.ref(t, first)
r2 = weakref.ref(t, second)
print("deleting")
del t
print("after delete")
u = Thing()
r3 = weakref.ref(u, first)
del r3
print("weakref deleted before its object: no callback")
del u
print("end")
