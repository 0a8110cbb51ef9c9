# pyodide: yes
# The classic exception cycle: a caught exception stored in a local refers to the frame that refers to it.
import gc

class Marker:
    def __del__(self):
        print("marker freed")

def fails():
    m = Marker()
    try:
        raise ValueError("boom")
    except ValueError as e:
        err = e
    return 0

gc.disable()
gc.collect()
fails()
print("returned, marker still alive in the cycle")
print("collected:", gc.collect())
