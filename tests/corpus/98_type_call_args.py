# Calling a builtin type without vectorcall packs its arguments into a tuple (type_call): count0 after a full
# collection (free lists empty) shows it. 3.8: every type; 3.9: str, int, float, bool; 3.10-3.12: str, int.
import gc

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
r = [None] * 30
x = [1, 2]
gc.disable()
gc.collect(); r[0] = gc.get_count(); str(x); r[1] = gc.get_count()
gc.collect(); r[2] = gc.get_count(); int("5"); r[3] = gc.get_count()
gc.collect(); r[4] = gc.get_count(); float("5"); r[5] = gc.get_count()
gc.collect(); r[6] = gc.get_count(); bool(x); r[7] = gc.get_count()
gc.collect(); r[8] = gc.get_count(); a = list(x); r[9] = gc.get_count()
gc.collect(); r[10] = gc.get_count(); a = tuple(x); r[11] = gc.get_count()
gc.collect(); r[12] = gc.get_count(); a = set(x); r[13] = gc.get_count()
gc.collect(); r[14] = gc.get_count(); range(3); r[15] = gc.get_count()
gc.collect(); r[16] = gc.get_count(); str(); r[17] = gc.get_count()
gc.collect(); r[18] = gc.get_count(); int("5", 10); r[19] = gc.get_count()
names = ["str(x)", "int('5')", "float('5')", "bool(x)", "list(x)", "tuple(x)", "set(x)", "range(3)", "str()", "int('5', 10)"]
for k in range(10):
    print(names[k], "count0 +", r[2 * k + 1][0] - r[2 * k][0] - 1)
