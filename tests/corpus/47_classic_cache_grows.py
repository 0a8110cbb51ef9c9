# The classic leak: a module-level cache dict that grows forever, and what clearing it does.
import gc, sys

cache = {}

def lookup(key):
    if key not in cache:
        cache[key] = [key] * 10
    return cache[key]

gc.disable()
gc.collect()
for i in range(1000):
    lookup(i)
print("entries:", len(cache))
print("dict size:", sys.getsizeof(cache))
print("count:", gc.get_count())
for i in range(1000):
    lookup(i % 10)
print("entries after repeated keys:", len(cache))
cache.clear()
print("cleared, dict size:", sys.getsizeof(cache))
print("garbage found by collect:", gc.collect())
