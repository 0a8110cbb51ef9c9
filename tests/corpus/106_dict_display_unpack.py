# `**m` in dict displays: 3.9+ BUILD_MAP (the first key: value run is the target, or an empty dict) then
# DICT_UPDATE per part (a later run of items is a dict of its own, merged, then dropped); 3.8 builds every part
# first and BUILD_MAP_UNPACK merges them into a new dict. Each merge is dict_merge: one resize up front when the
# target has fewer usable slots than the source's keys, and on 3.10+ a clone of a clean source's table (so a
# source with deletions gives another size on 3.10+ than on 3.8/3.9).
import gc, sys
print("warm-up:", [0], (0,), {0: 0})
def mk(n):
    d = {}
    for i in range(n):
        d['k%d' % i] = i
    return d
for n in (0, 1, 2, 5, 6, 8, 11, 12, 22):
    d = mk(n)
    print(n, sys.getsizeof(d), sys.getsizeof({**d}), sys.getsizeof({**d, 'x': 1}), sys.getsizeof({'x': 1, **d}), sys.getsizeof({**d, **d}))
# a display source (presized) and one with deletions
for n in (1, 5, 6, 11):
    d = mk(n + 3)
    del d['k0'], d['k1'], d['k2']
    print('del', n, sys.getsizeof(d), sys.getsizeof({**d}))
d = {1: 2, 3: 4}
print('int keys', sys.getsizeof({**d}), {**d, 5: 6}, {0: 1, **d})
a = {'a': 1, 'b': 2}
b = {'b': 3, 'c': 4}
print({**a, **b}, {'b': 0, **a}, {**a, 'a': 9})
r = [None] * 10
gc.disable(); gc.collect()
r[0] = gc.get_count()
e = {**a}
r[1] = gc.get_count()
e = {**a, 'z': 1}
r[2] = gc.get_count()
e = {'z': 1, **a}
r[3] = gc.get_count()
e = {**a, **b}
r[4] = gc.get_count()
e = None
r[5] = gc.get_count()
print([c[0] - r[0][0] for c in r[1:6]])
print(gc.is_tracked({**a}), gc.is_tracked({**{'x': []}}))
e = None
gc.collect()
r[0] = gc.get_count()
e = {'z': 1, **a}
r[1] = gc.get_count()
print("after a collection, {'z': 1, **a} costs", r[1][0] - r[0][0])
try:
    {**5}
except TypeError as ex:
    print(ex)
try:
    {'a': 1, **[1]}
except TypeError as ex:
    print(ex)
