# pyodide: yes
# The argument of a call is referenced by the caller's stack and by the callee's frame.
import sys

def show(a):
    print("inside one call:", sys.getrefcount(a))

def outer(b):
    print("outer:", sys.getrefcount(b))
    show(b)

def two(p, q):
    print("same object as two parameters:", sys.getrefcount(p))

thing = [1, 2]
print("module level:", sys.getrefcount(thing))
show(thing)
outer(thing)
two(thing, thing)
print("after the calls:", sys.getrefcount(thing))
