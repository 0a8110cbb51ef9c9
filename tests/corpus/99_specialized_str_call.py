# pyodide: yes
# A call site of str(x) packs a 1-tuple (type_call) until the specializing interpreter replaces it with
# CALL_NO_KW_STR_1: 3.12 from the site's second run, 3.11 once the code object is warm (8 RESUME/JUMP_BACKWARD);
# int('5') never specializes (no vectorcall). count0 cost of each call after a collection, per run of the site.
import gc

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
x = [1, 2]
gc.disable()
r = [0] * 20
for i in range(20):
    gc.collect(); a = gc.get_count()[0]; str(x); r[i] = gc.get_count()[0] - a - 1
print("str(x) in a module loop:", r)
for i in range(20):
    gc.collect(); a = gc.get_count()[0]; int("5"); r[i] = gc.get_count()[0] - a - 1
print("int('5') in a module loop:", r)


def f():
    gc.collect(); a = gc.get_count()[0]; str(x); return gc.get_count()[0] - a - 1


def g(n):
    out = [0] * n
    i = 0
    while i < n:
        gc.collect(); a = gc.get_count()[0]; str(x); out[i] = gc.get_count()[0] - a - 1
        i += 1
    return out


def h(n):
    out = [0] * n
    i = -1
    while True:
        i += 1
        if i == n:
            break
        gc.collect(); a = gc.get_count()[0]; str(x); out[i] = gc.get_count()[0] - a - 1
    return out


for i in range(12):
    r[i] = f()
print("a function called 12 times:", r[:12])
print("a while loop with a test:", g(12))
print("a while True loop:", h(12))
print("the same site called again:", f(), g(2))
