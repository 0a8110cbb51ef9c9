# pyodide: yes
# Each instance holds a reference to its class; a frame holds its locals only while the call runs.
import sys

class Node:
    pass

base = sys.getrefcount(Node)
a = Node()
b = Node()
c = Node()
print("three instances add:", sys.getrefcount(Node) - base)
del a, b
print("one left adds:", sys.getrefcount(Node) - base)

shared = []

def hold():
    local1 = shared
    local2 = shared
    print("inside, with two locals:", sys.getrefcount(shared))
    return 0

print("before call:", sys.getrefcount(shared))
hold()
print("after call:", sys.getrefcount(shared))

def grab():
    global kept
    kept = shared

grab()
print("after global assignment:", sys.getrefcount(shared))
