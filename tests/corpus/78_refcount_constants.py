# pyodide: no: while `python FILE` runs, the parser arena also holds every literal constant; Pyodide runs compile()+exec, where it does not
# Big ints and floats: a literal is also held by the code's constants; a computed value is not.
import sys
big = 12345678901234567890
print("big literal:", sys.getrefcount(big))
computed = 10 ** 20
print("computed big int:", sys.getrefcount(computed))
f = 2.5 * 3
print("computed float:", sys.getrefcount(f))
lst = [computed, computed]
print("in a list twice:", sys.getrefcount(computed))
