# pyodide: yes
# Dropping the head of a chain frees the whole chain depth first.
import gc
gc.disable()
gc.collect()

class Link:
    def __init__(self, name, nxt):
        self.name = name
        self.nxt = nxt
    def __del__(self):
        print("free", self.name)

chain = Link("c", None)
chain = Link("b", chain)
chain = Link("a", chain)
print("drop head")
chain = None
print("done")
