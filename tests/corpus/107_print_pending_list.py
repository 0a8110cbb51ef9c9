# pyodide: yes
# Text waiting in sys.stdout (TextIOWrapper's pending writes). Where stdout is a line-buffered tty (Pyodide), the
# first pending text is kept as it is and the second pending write makes a list (a tracked GC object) that lives
# until a write with a newline flushes it; print writes each argument, each separator and `end` separately.
# Piped stdout (the 3.8-3.13 references) keeps no such list between these prints.
import gc
import sys

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
r = [None] * 20
n = [0] * 20
gc.disable()
gc.collect()
r[0] = gc.get_count()
n[0] = len(gc.get_objects())
print("a", end="")
r[1] = gc.get_count()
n[1] = len(gc.get_objects())
print("b", end="")
r[2] = gc.get_count()
n[2] = len(gc.get_objects())
sys.stdout.write("c")
r[3] = gc.get_count()
n[3] = len(gc.get_objects())
print()
r[4] = gc.get_count()
n[4] = len(gc.get_objects())
print(1, 2, 3)
r[5] = gc.get_count()
n[5] = len(gc.get_objects())
print("count0 steps:", [c[0] - r[0][0] for c in r[1:6]])
print("objects:", [k - n[0] for k in n[1:6]])
