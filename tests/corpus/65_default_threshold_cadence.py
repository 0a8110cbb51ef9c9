# pyodide: yes
# Automatic collections at the default thresholds while 30000 lists are kept alive.
import gc

gens = []

def cb(phase, info):
    if phase == "start":
        gens.append(info["generation"])

keep = [None] * 30000
gc.disable()
gc.collect()
gc.freeze()
gc.collect()
gc.callbacks.append(cb)
gc.enable()
i = 0
while i < 30000:
    keep[i] = []
    i += 1
gc.disable()
gc.callbacks.remove(cb)
print("thresholds:", gc.get_threshold())
print("collections:", len(gens))
per_gen = [0, 0, 0]
where2 = []
for k in range(len(gens)):
    per_gen[gens[k]] += 1
    if gens[k] == 2:
        where2.append(k)
print("per generation:", per_gen)
print("gen-2 collections at:", where2)
print("first 14:", gens[:14])
