# Sizes of empty and small objects of each kind.
import sys

class Node:
    pass

class Slotted:
    __slots__ = ("a", "b")

print("tuple:", sys.getsizeof(()), sys.getsizeof((1,)), sys.getsizeof((1, 2, 3)))
print("set:", sys.getsizeof(set()), sys.getsizeof({1, 2, 3, 4, 5}))
print("str:", sys.getsizeof(""), sys.getsizeof("a"), sys.getsizeof("hello"))
print("bytes:", sys.getsizeof(b""), sys.getsizeof(b"abc"))
print("int:", sys.getsizeof(0), sys.getsizeof(1), sys.getsizeof(2 ** 40), sys.getsizeof(2 ** 100))
print("float:", sys.getsizeof(1.5))
print("None/True:", sys.getsizeof(None), sys.getsizeof(True))
n = Node()
print("instance:", sys.getsizeof(n))
n.a = 1
print("instance with attribute:", sys.getsizeof(n))
print("slotted instance:", sys.getsizeof(Slotted()))
