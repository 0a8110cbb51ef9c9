# The first non-str key in a str-keyed dict: 3.11+ convert the table to general entries
# (insertion_resize to 1 << bit_length(((used * 3) | 8) - 1) slots); 3.8-3.10 keep the table.
# Then a resize with few keys left after deletions (3.10+ give 16 slots for 1 or 2 keys, 3.8-3.9 give 8).
import sys
for n in range(12):
    d = {}
    for i in range(n):
        d["k" + str(i)] = i
    before = sys.getsizeof(d)
    d[5] = 6
    print("str keys:", n, before, sys.getsizeof(d), len(d))
for kind in ("int", "str"):
    for dels in range(6):
        d = {}
        for i in range(5):
            if kind == "int":
                d[i] = i
            else:
                d["k" + str(i)] = i
        for k in list(d)[:dels]:
            del d[k]
        before = sys.getsizeof(d)
        d["new"] = 1
        print(kind, "keys, 5 stored,", dels, "deleted, one added:", before, sys.getsizeof(d))
d = {}
for i in range(11):
    d[i] = i
for i in range(11):
    del d[i]
d[1] = 1
print("11 stored, all deleted, one added:", sys.getsizeof(d))
