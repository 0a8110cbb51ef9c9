# pyodide: yes
# Chained assignment, unpacking and augmented assignment.
import sys
o = [0]
a = b = c = o
print("chained:", sys.getrefcount(o))
p, q = o, o
print("unpacked pair:", sys.getrefcount(o))
p, q = q, p
print("swapped:", sys.getrefcount(o))
a += [1]
print("a += [1] keeps the same list:", a is o, sys.getrefcount(o), o)
n = 10
n += 5
n -= 1
n *= 3
print("ints:", n)
t = (o,)
t += (o,)
print("tuple += makes a new tuple:", len(t), sys.getrefcount(o))
del a, b, c, p, q, t
print("after del:", sys.getrefcount(o))
