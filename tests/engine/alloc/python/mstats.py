# Copied from the memory-model reference (cpython-experiments/mstats.py): capture and parse sys._debugmallocstats().
import os, sys, re, tempfile
_buf_path = os.path.join(tempfile.gettempdir(), '_mallocstats_%d.txt' % os.getpid())
def mallocstats_text():
    """Capture sys._debugmallocstats() (written to C-level fd 2) as text.
    Allocates very little in pymalloc: the returned str is > 512 bytes (raw malloc)."""
    sys.stderr.flush()
    fd = os.open(_buf_path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    saved = os.dup(2)
    os.dup2(fd, 2)
    try:
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2); os.close(saved)
    os.lseek(fd, 0, 0)
    data = os.read(fd, 1 << 20)
    os.close(fd)
    return data.decode()
def parse(text):
    classes = {}
    for m in re.finditer(r'^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$', text, re.M):
        idx, size, pools, used, avail = map(int, m.groups())
        classes[size] = (pools, used, avail)
    kv = {}
    for m in re.finditer(r'^(#?[^=\n]+?)\s*=\s*([\d,]+)\s*$', text, re.M):
        kv[m.group(1).strip()] = int(m.group(2).replace(',', ''))
    return classes, kv
