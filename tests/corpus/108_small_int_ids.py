# The small ints -5..256 are made at startup (immortal on 3.12+), 32 bytes apart in value order, whichever of
# them the program uses first: differences of near ones' id()s are fixed (the ids themselves are not printed).
# 3.8 and 3.10+ keep them in one static array; 3.9 allocates each in a pymalloc block, so only near ones (same
# pool) are a fixed distance apart there.
a = 9
b = 7
print(id(6) - id(5), id(256) - id(255), id(-5) - id(5), id(a) - id(b), id(0) - id(-1))
print(id(100 + 1) == id(101), id(5) == id(10 // 2))
