# pyodide: yes
# What a class statement leaves behind: the type, its __dict__, __mro__ and __bases__ tuples, descriptors for
# __slots__ / __dict__ / __weakref__, a weakref in the base's subclasses (and a subclasses dict for a class's
# first subclass), ht_slots; and what it costs count0 on the way (namespace, body function, args tuples...).
import gc
gc.disable(); gc.collect(); gc.collect(); gc.freeze(); gc.collect()
r = [None] * 20
n = [0] * 20
r[0] = gc.get_count(); n[0] = len(gc.get_objects())
class Node:
    __slots__ = ('ref',)
r[1] = gc.get_count(); n[1] = len(gc.get_objects())
class Plain:
    pass
r[2] = gc.get_count(); n[2] = len(gc.get_objects())
class WithMethod:
    def f(self):
        return 1
r[3] = gc.get_count(); n[3] = len(gc.get_objects())
class Sub(Plain):
    x = 1
r[4] = gc.get_count(); n[4] = len(gc.get_objects())
class Two:
    __slots__ = ('a', 'b')
r[5] = gc.get_count(); n[5] = len(gc.get_objects())
class Plain2:
    pass
r[6] = gc.get_count(); n[6] = len(gc.get_objects())
x = []
r[7] = gc.get_count(); n[7] = len(gc.get_objects())
print('count0', [r[i][0] - r[0][0] for i in range(8)])
print('objects', [n[i] - n[0] for i in range(8)])
print('tracked', gc.is_tracked(Node), gc.is_tracked(Plain.__mro__), gc.is_tracked(Sub.__bases__))
print('collect', gc.collect())
print('bases still tracked', gc.is_tracked(Plain.__bases__), gc.is_tracked(Sub.__bases__))
del Plain2
print('Plain2', gc.collect())
del Sub
print('Sub', gc.collect())
del Plain
print('Plain', gc.collect())
del Node, Two
print('Node, Two', gc.collect())
def f():
    class A:
        pass
    a = A()
    A.inst = a
f()
print('local class with its instance', gc.collect())
for i in range(3):
    class Loop:
        def m(self):
            return i
    r[10 + i] = gc.get_count()
print('in a loop', [r[11][0] - r[10][0], r[12][0] - r[11][0]], gc.collect())
