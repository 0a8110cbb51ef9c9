# pyodide: yes
# A ring of 50 nodes is one cycle; dropping the only outside reference makes all of it garbage.
import gc
gc.disable()
gc.collect()

class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

head = Node(0)
cur = head
for i in range(1, 50):
    n = Node(i)
    cur.next = n
    cur = n
cur.next = head
del n, cur
print("while referenced:", gc.collect())
total = 0
cur = head
for i in range(50):
    total += cur.value
    cur = cur.next
print("sum of values:", total)
del head, cur
print("ring dropped:", gc.collect())
