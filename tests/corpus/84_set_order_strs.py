# Sets of strs, bytes, tuples and floats in slot order, and hash() of each type. str and bytes hashes are siphash
# with the key that PYTHONHASHSEED=0 gives (the corpus runner sets it): siphash24 on 3.8-3.10, siphash13 from 3.11.
# Not for Pyodide: its 32-bit hashes differ.
import gc
s = set()
for w in ('apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', '', 'caf\xe9', '\u20ac', '\U0001f600'):
    s.add(w)
print(s)
print({'b', 'a', 3, 40, (1, 2), 2.5})
print(gc.get_referents({'x', 'y', 'z'}))
t = set()
for v in ((1, 2), (2, 1), (), (1,), ('a', 1), (1.5, (2, 3)), b'', b'xyz', 0.5, -2.25, 1e300, -7, 2 ** 64):
    t.add(v)
print(t)
print(hash(0), hash(-1), hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 100)), hash(True))
print(hash(0.5), hash(-0.0), hash(0.1), hash(1e300), hash(float('inf')), hash(float('-inf')))
print(hash(''), hash('a'), hash('abc'), hash('caf\xe9'), hash('\u20ac'), hash('\U0001f600'))
print(hash(b''), hash(b'abc'), hash(()), hash((1, 2)), hash(('a', (2, 3.5))))
