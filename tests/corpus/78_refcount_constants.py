# pyodide: no: while `python FILE` runs, the parser arena also holds every literal constant; Pyodide runs compile()+exec, where it does not
# Big ints and floats: literals and constant-folded expressions like 10 ** 20 are held by the code's constants.
import sys
big = 12345678901234567890
print("big literal:", sys.getrefcount(big))
computed = 10 ** 20
print("computed big int:", sys.getrefcount(computed))
f = 2.5 * 3
print("computed float:", sys.getrefcount(f))
lst = [computed, computed]
print("in a list twice:", sys.getrefcount(computed))
