# Controlled allocation patterns for the allocator's differential tests. Run with `python -S - PATTERN N K`
# after mstats.py's source (the test concatenates them). Prints the raw `sys._debugmallocstats()` text at each
# step, separated by "@@STEP name" lines.
#
# Method (reference §7.1): gc disabled, garbage flushed, everything the loops need is built before the first
# measurement. Loops iterate over prebuilt lists, so the only extra allocation is the list iterator (one 48-byte
# block, modelled by the test). The test seeds the simulated allocator with the "start" report (per-class pools
# and available blocks, arenas, unused pools, list free list) and replays the same requests.
import gc

PATTERN = sys.argv[1]
N = int(sys.argv[2])
K = int(sys.argv[3])

gc.disable()
gc.collect(); gc.collect()

class Node:
    __slots__ = ('a', 'b')        # GC 16 + PyObject 16 + 2 slots: a 48-byte request on 3.8-3.13

keep = [None] * N
idxs = list(range(N))
evens = idxs[::2]
others = [j for j in idxs if K and j % K]    # 'sparse': everything but one node in K
survivors = idxs[::K] if K else []
proto = [None] * K
j = 0                              # bound before the measured loops: storing it never grows globals
out = ['', '', '', '']              # preallocated: storing a report allocates nothing in pymalloc
def step(i, name):
    text = mallocstats_text()     # first: a partial '@@STEP ...' string would be alive during the measurement
    out[i] = '@@STEP ' + name + '\n' + text

if PATTERN == 'slots':
    mallocstats_text(); mallocstats_text()
    step(0, 'start')
    for j in idxs:
        keep[j] = Node()
    step(1, 'built')
    for j in evens:
        keep[j] = None
    step(2, 'freed every other')
    for j in idxs:
        keep[j] = None
    step(3, 'freed all')
elif PATTERN == 'lists':
    mallocstats_text(); mallocstats_text()
    step(0, 'start')
    for j in idxs:
        keep[j] = proto.copy()
    step(1, 'built')
    for j in evens:
        keep[j] = None
    step(2, 'freed every other')
    for j in idxs:
        keep[j] = None
    step(3, 'freed all')
elif PATTERN == 'sparse':
    mallocstats_text(); mallocstats_text()
    step(0, 'start')
    for j in idxs:
        keep[j] = Node()
    step(1, 'built')
    for j in others:
        keep[j] = None
    step(2, 'freed all but one in K')
    for j in survivors:
        keep[j] = None
    step(3, 'freed all')
elif PATTERN == 'appends':
    l = None
    x = None
    mallocstats_text(); mallocstats_text()
    step(0, 'start')
    for j in idxs:
        l = []
        for x in proto:                # K appends: the item array grows by realloc
            l.append(x)
        keep[j] = l
    l = None
    step(1, 'built')
    for j in evens:
        keep[j] = None
    step(2, 'freed every other')
    for j in idxs:
        keep[j] = None
    step(3, 'freed all')
print(''.join(out))
