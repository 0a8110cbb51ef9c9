# pyodide: yes
# The builtins and reprs the lab supports, printed as CPython prints them.
nums = [5, 3, 8, 1]
print(len(nums), sum(nums), min(nums), max(nums), sorted(nums))
print(any([0, 0, 1]), all([1, 1, 0]), sorted(nums, reverse=True))
print([x * x for x in range(5) if x % 2 == 0])
print(list("abc"), tuple([1, 2]), dict(a=1, b=2), set([3]), str(12), int("42"), float("1.5"))
print(["it's", 'say "hi"', b"\x00a", 1.0, 1e20, 0.1 + 0.2, -0.0, 10 ** 20])
print(None, True, False, (), (1,), [], {}, set())
print({"k": [1, (2, 3)], "n": None})
print(1, 2, 3, sep="-", end="!\n")
print(type(nums).__name__, type(1).__name__, type("s").__name__, type(None).__name__, isinstance(nums, list))
x = 7
print(f"x={x} doubled={x * 2} repr={nums!r} pad={x:3d}|")
print(10 // 3, 10 % 3, -7 // 2, 2 ** 10, 7 / 2, 1 < 2 < 3, 3 in nums, 4 not in nums)
print("yes" if x > 5 else "no", x > 5 and "and", 0 or "or", not x)
print(nums[1:3], nums[::-1], nums[-1], "abc"[1])
print([1, 2].index(2), [1, 1, 2].count(1))
d = {"a": 1}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("b", 2), d.pop("a"), d)
d.update({"c": 3})
print(list(d.keys()), list(d.values()), list(d.items()))
