# pyodide: yes
# Returned objects keep exactly the references the caller binds.
import sys

class Node:
    pass

def make():
    n = Node()
    return n

def ident(o):
    return o

def keep_twice(o):
    return [o, o]

r = make()
print("made and bound:", sys.getrefcount(r))
s = ident(r)
print("identity returned and bound:", sys.getrefcount(r))
pair = keep_twice(r)
print("returned inside a list twice:", sys.getrefcount(r))
ident(r)
print("result discarded:", sys.getrefcount(r))
del pair, s
print("back to one name:", sys.getrefcount(r))
