# pyodide: yes
# Default thresholds, enable/disable and debug flags.
import gc
print("enabled:", gc.isenabled())
print("threshold:", gc.get_threshold())
gc.disable()
print("enabled:", gc.isenabled())
gc.set_threshold(100)
print("threshold:", gc.get_threshold())
gc.set_threshold(5, 6, 7)
print("threshold:", gc.get_threshold())
gc.enable()
print("enabled:", gc.isenabled())
print("flags:", gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print("debug:", gc.get_debug())
print("garbage:", gc.garbage, "callbacks:", gc.callbacks)
