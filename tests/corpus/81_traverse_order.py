# A collection re-links survivors in the order tp_traverse visits them: lists and tuples visit their items last to
# first, so lists reachable only through a list come out of gc.collect() in reverse.
import gc
gc.disable()
gc.collect()
root = [[1], [2], [3]]
gc.collect(0)
print("generation 1:", [o[0] for o in gc.get_objects(1) if type(o) is list and len(o) == 1 and type(o[0]) is int])
gc.collect()
print("all:", [o[0] for o in gc.get_objects() if type(o) is list and len(o) == 1 and type(o[0]) is int])
pair = ([4], [5])
holder = [pair]
del pair
gc.collect()
print("via a tuple:", [o[0] for o in gc.get_objects() if type(o) is list and len(o) == 1 and type(o[0]) is int])
print("referents:", gc.get_referents([1, 2, 3]), gc.get_referents((4, 5, 6)))
