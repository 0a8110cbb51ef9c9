# pyodide: yes
# self inside a method is one more reference to the instance.
import sys

class Node:
    def __init__(self):
        self.children = []
    def count_me(self):
        return sys.getrefcount(self)
    def add(self, child):
        self.children.append(child)
        return sys.getrefcount(child)

n = Node()
print("from outside:", sys.getrefcount(n))
print("inside a method:", n.count_me())
kid = Node()
print("child inside add:", n.add(kid))
print("child from outside:", sys.getrefcount(kid))
