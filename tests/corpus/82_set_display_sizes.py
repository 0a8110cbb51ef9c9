# Set displays: 3.9+ build a display of >= 3 constants with one SET_UPDATE from a frozenset (the table is sized once),
# 3.8 and displays with a non-constant item add the items one by one. Folded items (-1, 2 * 3, tuples of constants)
# count as constants, for list displays too.
import sys
print(sys.getsizeof({1}), sys.getsizeof({1, 2}), sys.getsizeof({1, 2, 3}), sys.getsizeof({1, 2, 3, 4}), sys.getsizeof({1, 2, 3, 4, 5}))
print(sys.getsizeof({1, 2, 3, 4, 5, 6}), sys.getsizeof({1, 2, 3, 4, 5, 6, 7}), sys.getsizeof({1, 2, 3, 4, 5, 6, 7, 8}), sys.getsizeof({1, 2, 3, 4, 5, 6, 7, 8, 9}), sys.getsizeof({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
x = 1
print(sys.getsizeof({x, 2, 3, 4, 5}), sys.getsizeof({x, 2, 3, 4, 5, 6, 7, 8, 9, 10}), sys.getsizeof({x, x, x, x, x}))
print(sys.getsizeof({1, 1, 1, 1, 1}), sys.getsizeof({1, 1.0, True, 2, 3}), sys.getsizeof({"a", "b", "c", "d", "e"}))
print(sys.getsizeof({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}))
print(sys.getsizeof({(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)}), sys.getsizeof({-1, -2, -3, -4, -5}), sys.getsizeof({None, True, 1.5, "a", b"x"}))
print(sys.getsizeof({2 * 3, 1 + 1, 5, 7, 9}), sys.getsizeof({(), (1,), ((1, 2), 3), 4, 5}))
print(sys.getsizeof([(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]), sys.getsizeof([-1, -2, -3]), sys.getsizeof([-1, -2, -3, -4, -5]))
print(sys.getsizeof([(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (1, 2), (3, 4), (5, 6), (7, 8), (9, 10), 1]))
