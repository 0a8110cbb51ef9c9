# 3.8-3.10 instance dicts share their class's keys (split tables): getsizeof counts the values array (and the
# keys once a dict is their only user). The first instance's 6th attribute resizes its dict, and the class
# re-shares the new keys (make_keys_shared) while no other dict uses the old ones; a delete, another order, or
# growth while others share them makes the class drop its keys, and later instances get combined dicts.
import sys
class P:
    pass
p = P()
print("empty read:", sys.getsizeof(p.__dict__))
class A:
    def __init__(self, k):
        i = 0
        while i < k:
            setattr(self, "a" + str(i), i)
            i += 1
for k in (1, 5, 6, 10, 11, 21, 22):
    class B:
        pass
    first = B()
    i = 0
    while i < k:
        setattr(first, "a" + str(i), i)
        i += 1
    second = B()
    i = 0
    while i < k:
        setattr(second, "a" + str(i), i)
        i += 1
    print(k, "attrs: first", sys.getsizeof(first.__dict__), "second", sys.getsizeof(second.__dict__))
class Q:
    pass
q = Q(); q.x = 1; q.y = 2
r = Q(); r.x = 1; r.y = 2
del q.x
print("after del:", sys.getsizeof(q.__dict__), sys.getsizeof(r.__dict__))
s = Q(); s.x = 1
print("new instance after del:", sys.getsizeof(s.__dict__))
class E:
    pass
e1 = E(); e1.a = 1
e2 = E(); e2.a = 1
i = 0
while i < 5:
    setattr(e2, "b" + str(i), i)
    i += 1
print("second grows past the shared keys:", sys.getsizeof(e1.__dict__), sys.getsizeof(e2.__dict__))
e3 = E(); e3.a = 1
print("next instance:", sys.getsizeof(e3.__dict__))
del e1
print("only dict left on old keys:", sys.getsizeof(e2.__dict__))
class F:
    pass
f1 = F(); f1.a = 1; f1.b = 2
f2 = F(); f2.b = 1; f2.a = 2
print("other order:", sys.getsizeof(f1.__dict__), sys.getsizeof(f2.__dict__))
f3 = F(); f3.a = 1; f3.b = 2; f3.c = 3
print("after other order:", sys.getsizeof(f3.__dict__))
class G:
    pass
g = G()
d = g.__dict__
i = 0
while i < 6:
    d["k" + str(i)] = i
    i += 1
g2 = G(); g2.k0 = 1
print("grown through __dict__:", sys.getsizeof(d), sys.getsizeof(g2.__dict__))
