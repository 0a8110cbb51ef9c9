# pyodide: yes
# An exception holds its arguments; the name bound by except is cleared at the end of the block.
import sys
payload = []
print("before:", sys.getrefcount(payload))
try:
    raise ValueError(payload)
except ValueError as e:
    print("inside except:", type(e).__name__, sys.getrefcount(payload))
print("after except:", sys.getrefcount(payload))
saved = None
try:
    raise KeyError(payload)
except KeyError as e:
    saved = e
print("exception kept:", sys.getrefcount(payload))
saved = None
print("exception dropped:", sys.getrefcount(payload))
try:
    x = [1, 2][5]
except IndexError as e:
    print("IndexError:", e)
try:
    {}["missing"]
except KeyError as e:
    print("KeyError:", e)
finally:
    print("finally runs")
