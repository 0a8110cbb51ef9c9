# pyodide: yes
# Storing a bound method on its own instance makes a cycle through the method object.
import gc

class Button:
    def __init__(self):
        self.handler = self.on_click
    def on_click(self):
        return "clicked"
    def __del__(self):
        print("button freed")

gc.disable()
gc.collect()
b = Button()
print(b.handler())
del b
print("after del")
print("collected:", gc.collect())
