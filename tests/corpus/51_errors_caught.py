# pyodide: yes
# Runtime errors are ordinary exceptions with CPython's messages, catchable by try/except.
import gc

class Node:
    pass

try:
    gc.collect(3)
except ValueError as e:
    print("ValueError:", e)
try:
    print(undefined_name)
except NameError as e:
    print("NameError:", e)
try:
    Node().missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    [1] + 1
except TypeError as e:
    print("TypeError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    {"a": 1}["b"]
except KeyError as e:
    print("KeyError:", e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    raise RuntimeError("custom message")
except Exception as e:
    print(type(e).__name__, e)
