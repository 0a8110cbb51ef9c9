# pyodide: yes
# An uncaught exception stops the program: stdout up to that point, then a traceback and exit status 1.
import gc

def inner(d):
    return d["missing"]

def outer():
    print("calling inner")
    return inner({})

print("start")
gc.collect()
outer()
print("never printed")
