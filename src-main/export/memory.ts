// The memory report: the simulated `sys._debugmallocstats()` text after the program ran, in the layout
// of the profile's CPython version (src-main/engine/alloc/debugmallocstats.ts).
import type { PythonSession } from '../engine/python/session';

export function memoryReport(python: PythonSession): string {
  return python.interpreter.port.mallocStats();
}
