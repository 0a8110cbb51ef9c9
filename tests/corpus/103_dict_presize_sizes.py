# Dict presizing per version: displays, dict(), dict(d), d.copy(), d.update(other) for 0-22 keys; 3.8-3.9 dict()
# starts with an 8-slot table; dict_merge resizes once to ESTIMATE_SIZE; 3.10+ clone a clean source; copy()
# clones a table at most a third deleted, shares a split table's keys; dict() and split copies skip the free list.
import sys
def grow(n, ints):
    d = {}
    i = 0
    while i < n:
        if ints:
            d[i] = i
        else:
            d['k' + str(i)] = i
        i += 1
    return d
v = 7
print(0, 'display str', sys.getsizeof({}), 'int', sys.getsizeof({}), 'var values', sys.getsizeof({}), 'kw', sys.getsizeof(dict()))
s = grow(0, False)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(0, 'ints' if False else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
s = grow(0, True)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(0, 'ints' if True else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
v = 7
print(1, 'display str', sys.getsizeof({"k0": 0}), 'int', sys.getsizeof({0: 0}), 'var values', sys.getsizeof({"k0": v}), 'kw', sys.getsizeof(dict(k0=0)))
s = grow(1, False)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(1, 'ints' if False else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
s = grow(1, True)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(1, 'ints' if True else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
v = 7
print(5, 'display str', sys.getsizeof({"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4}), 'int', sys.getsizeof({0: 0, 1: 1, 2: 2, 3: 3, 4: 4}), 'var values', sys.getsizeof({"k0": v, "k1": v, "k2": v, "k3": v, "k4": v}), 'kw', sys.getsizeof(dict(k0=0, k1=1, k2=2, k3=3, k4=4)))
s = grow(5, False)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(5, 'ints' if False else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
s = grow(5, True)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(5, 'ints' if True else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
v = 7
print(6, 'display str', sys.getsizeof({"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5}), 'int', sys.getsizeof({0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5}), 'var values', sys.getsizeof({"k0": v, "k1": v, "k2": v, "k3": v, "k4": v, "k5": v}), 'kw', sys.getsizeof(dict(k0=0, k1=1, k2=2, k3=3, k4=4, k5=5)))
s = grow(6, False)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(6, 'ints' if False else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
s = grow(6, True)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(6, 'ints' if True else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
v = 7
print(11, 'display str', sys.getsizeof({"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10}), 'int', sys.getsizeof({0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10}), 'var values', sys.getsizeof({"k0": v, "k1": v, "k2": v, "k3": v, "k4": v, "k5": v, "k6": v, "k7": v, "k8": v, "k9": v, "k10": v}), 'kw', sys.getsizeof(dict(k0=0, k1=1, k2=2, k3=3, k4=4, k5=5, k6=6, k7=7, k8=8, k9=9, k10=10)))
s = grow(11, False)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(11, 'ints' if False else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
s = grow(11, True)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(11, 'ints' if True else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
v = 7
print(22, 'display str', sys.getsizeof({"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": 16, "k17": 17, "k18": 18, "k19": 19, "k20": 20, "k21": 21}), 'int', sys.getsizeof({0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10, 11: 11, 12: 12, 13: 13, 14: 14, 15: 15, 16: 16, 17: 17, 18: 18, 19: 19, 20: 20, 21: 21}), 'var values', sys.getsizeof({"k0": v, "k1": v, "k2": v, "k3": v, "k4": v, "k5": v, "k6": v, "k7": v, "k8": v, "k9": v, "k10": v, "k11": v, "k12": v, "k13": v, "k14": v, "k15": v, "k16": v, "k17": v, "k18": v, "k19": v, "k20": v, "k21": v}), 'kw', sys.getsizeof(dict(k0=0, k1=1, k2=2, k3=3, k4=4, k5=5, k6=6, k7=7, k8=8, k9=9, k10=10, k11=11, k12=12, k13=13, k14=14, k15=15, k16=16, k17=17, k18=18, k19=19, k20=20, k21=21)))
s = grow(22, False)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(22, 'ints' if False else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
s = grow(22, True)
e = {}
e.update(s)
f = {'x': 1}
f.update(s)
print(22, 'ints' if True else 'strs', 'grown', sys.getsizeof(s), 'dict()', sys.getsizeof(dict(s)), 'copy', sys.getsizeof(s.copy()), 'update empty', sys.getsizeof(e), 'update 1', sys.getsizeof(f), 'pairs', sys.getsizeof(dict(list(s.items()))))
for n in (1, 5, 6, 11, 22):
    d = {}
    i = 0
    while i < n:
        d["k" + str(i)] = i
        i += 1
    j = 0
    while j < n // 2:
        del d["k" + str(j)]
        j += 1
    print(n, "after deleting half:", sys.getsizeof(d), "copy", sys.getsizeof(d.copy()), "dict()", sys.getsizeof(dict(d)))
p = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}
print("display of 6 copied:", sys.getsizeof(p), sys.getsizeof(p.copy()), sys.getsizeof(dict(p)))
class A:
    pass
a = A()
a.x = 1
a.y = 2
print("instance dict copy:", sys.getsizeof(a.__dict__), sys.getsizeof(a.__dict__.copy()), sys.getsizeof(dict(a.__dict__)))
b = A()
b.x = 1
print("copy of a second instance's dict:", sys.getsizeof(b.__dict__.copy()))
