# pyodide: yes
# Objects still bound when the program ends are finalized at exit, after the last line.
class Closer:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("closing", self.name)

keep = Closer("kept until exit")
print("last line of the program")
