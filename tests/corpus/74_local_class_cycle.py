# pyodide: yes
# Instances in a garbage cycle with a class that stays alive: collected count per version.
import gc

class Pair:
    def __init__(self):
        self.items = [self]
        self.meta = {"owner": self}

gc.disable()
gc.collect()
for i in range(5):
    p = Pair()
del p
print("five self-referencing pairs:", gc.collect())
