# pyodide: yes
# A cycle referenced only by a caller's local survives a collection run in a callee.
import gc

class Node:
    def __del__(self):
        print("node freed")

def inner():
    return gc.collect()

def outer():
    n = Node()
    n.me = n
    print("collect in callee:", inner())
    n = None
    print("local dropped")
    return gc.collect()

gc.disable()
gc.collect()
print("collect after dropping:", outer())
