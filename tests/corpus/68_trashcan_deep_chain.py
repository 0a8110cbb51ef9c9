# pyodide: yes
# Dropping the head of a chain of 70 objects: each __del__ runs as its refcount reaches zero, head first,
# even past the depth where CPython defers deallocations (the trashcan).
class Link:
    def __init__(self, n, nxt):
        self.n = n
        self.nxt = nxt
    def __del__(self):
        order.append(self.n)

order = []
head = None
for i in range(70):
    head = Link(i, head)
head = None
print("freed:", len(order))
print("order:", order)
