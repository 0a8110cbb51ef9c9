# pyodide: yes
# Reference counts of a list as names are bound, rebound and deleted.
import sys
x = []
print("one name:", sys.getrefcount(x))
y = x
print("two names:", sys.getrefcount(x))
z = y
print("three names:", sys.getrefcount(x))
del y
print("after del y:", sys.getrefcount(x))
z = None
print("after z = None:", sys.getrefcount(x))
print("x is z:", x is z)
