# pyodide: yes
# __del__ and weakref callbacks that run during a collection see the collector already running.
import gc, weakref
gc.disable()
gc.collect()

class Fin:
    def __del__(self):
        print("in __del__, nested collect returns", gc.collect())

a = Fin()
b = Fin()
a.peer = b
b.peer = a
del a, b
print("outer collect:", gc.collect())
