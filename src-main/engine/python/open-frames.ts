// Function frames the lab keeps open between entries (issue 6). The program stays a list of source texts whose
// concatenation is a real Python program: a header `def f1():` defines f1 and enters the call at once, indented
// entries run in that frame (names they assign are its locals), and `f1()` at the header's indentation finishes
// the call (return None, locals released, frame popped, result discarded). The effects happen in the order the
// joined program has them: def, call entry, body statements, return.
import type { Expr, Stmt } from './ast';
import { Compiler, type Code, type Scope } from './compile';
import type { ObjId } from './heap-port';
import type { Interpreter, RunOutcome } from './interpreter';
import { parseProgram } from './parse';
import { PyExc, type Frame } from './runtime';

export const HEADER = /^def[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\([ \t]*\)[ \t]*:[ \t]*(?:#.*)?$/;
export const CLOSER = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*\([ \t]*\)[ \t]*(?:#.*)?$/;

/** An entry the lab will not run because the joined program would not do what the lab does. */
export class FrameRefusal extends Error {
  override name = 'FrameRefusal';
}

/** Calling a function whose body is still being written: its code is not known yet. */
class OpenCodeCalled extends Error {
  override name = 'OpenCodeCalled';
}

export interface OpenFrameView {
  /** Function name (co_name) and qualified name (f1.<locals>.f2 for a nested one). */
  name: string;
  qualname: string;
  /** Locals bound now, in slot order. */
  locals: { name: string; id: ObjId }[];
  /** <=3.10: the frame object (PyFrameObject) the call made; null on 3.11+ (frames live in the data stack). */
  frameObject: ObjId | null;
  /** Index of the frame in the heap's frame stack (the snapshot's SnapFrame.index). */
  heapIndex: number;
  /** Indentation of the header line (and of the Return `f1()`), and of a statement in the frame. */
  headerIndent: string;
  indent: string;
}

export interface FrameExecOutcome extends RunOutcome {
  /** The text the program records for this entry: null when refused, else the entry plus the returns an error forced. */
  recorded: string | null;
  /** Part of a refused entry ran (it called a function still open): the heap must be rebuilt without it. */
  rollback?: boolean;
}

interface OpenFrame {
  name: string;
  code: Code;
  scope: Scope;
  frame: Frame;
  frameObj: ObjId;
  heapIndex: number;
  headerIndent: string;
  bodyIndent: string | undefined;
  /** Names this frame (or one nested in it) read as globals: assigning one later would make it local. */
  globalReads: Set<string>;
  /** Local names by slot. */
  localNames: string[];
  /** The body as compiled so far: the code the function runs when called again after its return. */
  parts: (() => number)[];
  /** The parent's statement that calls this function (`f2()` inside f1), compiled at the header. */
  callPart: (() => number) | undefined;
}

type Segment = { k: 'body'; text: string; indent: string } | { k: 'header'; name: string; indent: string } | { k: 'close' };

/** A statement in frame `f`: the body's indentation, four spaces more than the header before the first. */
const indentIn = (f: OpenFrame): string => f.bodyIndent ?? `${f.headerIndent}    `;
const indentOf = (line: string): string => /^[ \t]*/.exec(line)![0];
const blank = (line: string): boolean => /^[ \t]*(#.*)?$/.test(line);

export class OpenFrames {
  private readonly stack: OpenFrame[] = [];

  constructor(private readonly interp: Interpreter) {}

  get depth(): number {
    return this.stack.length;
  }

  /** Whether `source` goes through the frames: a frame is open, or it is a header at module level. */
  handles(source: string): boolean {
    if (this.stack.length) return true;
    // A header starts with `def`: most gestures are ruled out without splitting them into lines.
    if (!source.includes('def')) return false;
    const lines = source.split('\n').filter((l) => !blank(l));
    return lines.length === 1 && HEADER.test(lines[0]!.replace(/\r$/, ''));
  }

  views(): OpenFrameView[] {
    const heap = this.interp.port.heap;
    return this.stack.map((f) => {
      const slots = heap.frames[f.heapIndex]?.locals ?? [];
      const locals: { name: string; id: ObjId }[] = [];
      f.localNames.forEach((name, i) => { if (slots[i]) locals.push({ name, id: slots[i]! }); });
      return { name: f.code.name, qualname: f.code.qualname, locals, frameObject: f.frameObj || null, heapIndex: f.heapIndex, headerIndent: f.headerIndent, indent: indentIn(f) };
    });
  }

  /** The names of heap frame `i`'s slots, for the snapshot (src-main/lab/snapshot.ts FrameNames). */
  frameNames(i: number): { function: string; qualname: string; locals: string[]; frameObject: ObjId | null; indent: string; headerIndent: string; empty: boolean } | undefined {
    const f = this.stack.find((x) => x.heapIndex === i);
    return f && { function: f.code.name, qualname: f.code.qualname, locals: f.localNames, frameObject: f.frameObj || null, indent: indentIn(f), headerIndent: f.headerIndent, empty: f.parts.length === 0 };
  }

  exec(source: string, filename: string, maxSteps?: number): FrameExecOutcome {
    const lines = source.replace(/\r\n?/g, '\n').split('\n');
    while (lines.length && blank(lines[lines.length - 1]!)) lines.pop();
    const segments = this.plan(lines);
    let stdout = '';
    let stderr = '';
    for (const [i, seg] of segments.entries()) {
      let r: RunOutcome;
      try {
        r = seg.k === 'body' ? this.runBody(seg.text, seg.indent, filename, maxSteps)
          : seg.k === 'header' ? this.openHeader(seg.name, seg.indent, filename, maxSteps)
          : this.close(filename);
      } catch (e) {
        if (e instanceof OpenCodeCalled) {
          return { stdout, stderr: stderr + `${e.message}\n`, status: 1, error: { type: 'Refused', message: e.message }, recorded: null, rollback: true };
        }
        throw e;
      }
      stdout += r.stdout;
      stderr += r.stderr;
      if (r.status !== 0) {
        // The exception unwound every open frame, as it would propagate out of each call in the real program;
        // the program gets the returns (calls) that the error passed through.
        // A replayed entry that raised already lists those returns after the failing statement.
        const unwound = this.unwoundCloses;
        this.unwoundCloses = [];
        const given = segments.slice(i + 1).filter((s) => s.k === 'close').length;
        const missing = unwound.slice(given);
        const recorded = missing.length ? `${lines.join('\n')}\n${missing.join('\n')}` : source;
        return { ...r, stdout, stderr, recorded };
      }
    }
    return { stdout, stderr, status: 0, recorded: source };
  }

  // ------------------------------------------------------------------------------------ planning

  /** Splits an entry into body, header and return segments, refusing what the joined program would not run. */
  private plan(lines: string[]): Segment[] {
    const sim = this.stack.map((f) => ({ name: f.name, headerIndent: f.headerIndent, bodyIndent: f.bodyIndent, hasBody: f.parts.length > 0 }));
    const out: Segment[] = [];
    let i = 0;
    if (!sim.length) {
      const line = lines.find((l) => !blank(l))!;
      return [{ k: 'header', name: HEADER.exec(line.trim())![1]!, indent: '' }];
    }
    while (i < lines.length) {
      const line = lines[i]!;
      if (blank(line)) { i++; continue; }
      const ind = indentOf(line);
      const top = sim[sim.length - 1];
      if (!top) throw new FrameRefusal('after the return of the outermost frame, a statement must be an entry of its own');
      const closer = CLOSER.exec(line.slice(ind.length).trim());
      if (ind === top.headerIndent && closer && closer[1] === top.name) {
        if (!top.hasBody) {
          throw new FrameRefusal(`${top.name}() has no statement yet: \`def ${top.name}():\` directly followed by \`${top.name}()\` is an IndentationError in Python (run \`pass\` in the frame first)`);
        }
        out.push({ k: 'close' });
        sim.pop();
        i++;
        continue;
      }
      if (out.some((s) => s.k === 'close')) throw new FrameRefusal('a statement after a return must be an entry of its own');
      const body = top.bodyIndent ?? (ind.length > top.headerIndent.length && ind.startsWith(top.headerIndent) ? ind : undefined);
      if (body === undefined || ind !== body) {
        const want = body === undefined ? `indented deeper than \`def ${top.name}():\`` : `indented by ${JSON.stringify(body)}`;
        throw new FrameRefusal(`inside ${top.name}(), a statement must be ${want}, or be \`${top.name}()\` at the header's indentation to return`);
      }
      let j = i + 1;
      while (j < lines.length && (blank(lines[j]!) || (indentOf(lines[j]!).startsWith(body) && indentOf(lines[j]!).length > body.length))) j++;
      const chunk = lines.slice(i, j).map((l) => (blank(l) ? '' : l.slice(body.length)));
      top.bodyIndent = body;
      top.hasBody = true;
      const header = chunk.filter((l) => l !== '').length === 1 ? HEADER.exec(chunk[0]!.trim()) : null;
      if (header) {
        if (j < lines.length) throw new FrameRefusal('a function header must be an entry of its own');
        out.push({ k: 'header', name: header[1]!, indent: body });
        sim.push({ name: header[1]!, headerIndent: body, bodyIndent: undefined, hasBody: false });
      } else {
        out.push({ k: 'body', text: chunk.join('\n'), indent: body });
      }
      i = j;
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ running

  /** Compiles `text` in the innermost frame's scope (new locals get slots) and runs it there. */
  private runBody(text: string, indent: string, filename: string, maxSteps: number | undefined): RunOutcome {
    const top = this.stack[this.stack.length - 1]!;
    return this.interp.runWith(text, filename, maxSteps, (compiler, mod) => {
      const compiled = this.compileIn(top, compiler, mod.body);
      // Even an entry that raises is part of the body the real function has (it raised when it ran).
      top.parts.push(compiled);
      top.bodyIndent = indent;
      return compiled;
    }, (e) => this.unwindAll(e));
  }

  /**
   * Compiles statements in frame `f`. Checks first, changes nothing until they pass: an assigned name that
   * this frame (or a frame nested in it) read as a global would be local in the real function, so that read
   * would have raised; `return` would leave the call early; `global` after a use is a SyntaxError.
   */
  private compileIn(f: OpenFrame, compiler: Compiler, body: Stmt[]): () => number {
    const assigned = new Set<string>();
    const declared = new Set<string>();
    compiler.assignedNames(body, assigned, declared);
    const ret = findReturn(body);
    if (ret) throw new FrameRefusal(`\`return\` in an entry of ${f.name}() would leave the call before the entries after it: use Return (\`${f.name}()\`) instead`);
    for (const g of declared) {
      if (f.scope.locals.has(g)) throw new FrameRefusal(`name '${g}' is assigned to before global declaration in ${f.name}() (a SyntaxError in Python)`);
      if (f.globalReads.has(g)) throw new FrameRefusal(`name '${g}' is used prior to global declaration in ${f.name}() (a SyntaxError in Python)`);
    }
    const globals = new Set([...f.scope.globals, ...declared]);
    const fresh = [...assigned].filter((n) => !globals.has(n) && !f.scope.locals.has(n));
    for (const n of fresh) {
      if (f.globalReads.has(n)) {
        throw new FrameRefusal(`'${n}' was read as a global in ${f.name}() and is assigned now: in the real function '${n}' would be a local, and the earlier read an UnboundLocalError`);
      }
    }
    const locals = new Map(f.scope.locals);
    for (const n of fresh) locals.set(n, locals.size);
    const reads = new Set<string>();
    const scope: Scope = { ...f.scope, locals, globals, onGlobalRead: (n) => reads.add(n) };
    const compiled = compiler.compileBlock(body, scope);
    // Passed: commit the new locals (slots on the heap frame too) and the global reads (here and outwards).
    f.scope.locals = locals;
    f.scope.globals = globals;
    const slots = this.interp.port.heap.frames[f.heapIndex]!.locals;
    for (const n of fresh) { f.localNames.push(n); slots.push(0); }
    f.code.nlocals = locals.size;
    // Enclosing frames too: there the name would become a closure variable of this one.
    const at = this.stack.indexOf(f);
    for (let k = 0; k <= at; k++) for (const n of reads) this.stack[k]!.globalReads.add(n);
    return compiled;
  }

  /** `def NAME():` then the start of `NAME()`: the function object made, loaded, and its frame entered. */
  private openHeader(name: string, indent: string, filename: string, maxSteps: number | undefined): RunOutcome {
    const parent = this.stack[this.stack.length - 1];
    const callStmt = parseProgram(`${name}()`, filename).body[0]!;
    const nameExpr = (callStmt as { value: { func: Expr } }).value.func;
    let load: (() => ObjId) | undefined;
    let call: (() => number) | undefined;
    const defText = `def ${name}():\n    pass`;
    const r = this.interp.runWith(defText, filename, maxSteps, (compiler, mod) => {
      if (!parent) {
        const sc = Compiler.moduleScope();
        load = compiler.expr(nameExpr, sc);
        return compiler.compileBlock(mod.body, sc);
      }
      const def = this.compileIn(parent, compiler, mod.body);
      parent.parts.push(def);
      parent.bodyIndent = indent;
      load = compiler.expr(nameExpr, parent.scope);
      call = compiler.compileBlock([callStmt], parent.scope);
      return def;
    }, (e) => this.unwindAll(e));
    if (r.status !== 0) return r;
    const rt = this.interp.rt;
    const h = this.interp.port;
    rt.out = '';
    rt.err = '';
    // The call statement: LOAD_GLOBAL / LOAD_FAST of the function, then the call enters its frame.
    const fn = load!();
    const code = h.functionCode(fn) as Code;
    const { frame, frameObj } = new Compiler(rt, filename, defText).enterFrame(fn, code, []);
    // The loaded reference is the one the call hands over: the frame holds the function (3.11+ steals the
    // stack's reference into f_funcobj; <=3.10 keeps it on the caller's stack). One reference either way:
    // sys.getrefcount(f1) inside f1 prints 3 on 3.8-3.13.
    h.decref(fn);
    const scope: Scope = { kind: 'function', locals: new Map(), globals: new Set(), comps: [], qualPrefix: '', code, parent: parent?.scope ?? Compiler.moduleScope() };
    this.stack.push({
      name, code, scope, frame, frameObj, heapIndex: h.heap.frames.length - 1, headerIndent: indent,
      bodyIndent: undefined, globalReads: new Set(), localNames: [], parts: [], callPart: call,
    });
    code.body = () => { throw new OpenCodeCalled(`${code.qualname}() is still open (its body is being written): the lab cannot call it before its Return`); };
    try {
      h.evalBreaker(); // RESUME
    } catch (e) {
      this.unwindAll(e);
      throw e;
    }
    return { stdout: r.stdout + rt.out, stderr: r.stderr + rt.err, status: 0 };
  }

  /** `NAME()` at the header's indentation: return None, release the frame, discard the result. */
  private close(filename: string): RunOutcome {
    const rt = this.interp.rt;
    const h = this.interp.port;
    rt.out = '';
    rt.err = '';
    const f = this.stack.pop()!;
    const result = rt.none();
    this.finish(f, filename);
    // CALL's periodic check runs with the result pushed (as compile.ts's call does).
    h.pushTemp(result);
    h.evalBreaker(); // after CALL
    h.popTemp();
    h.decref(result); // POP_TOP of the expression statement
    return { stdout: rt.out, stderr: rt.err, status: 0 };
  }

  /** The frame leaves: its code gets the body as written (a later call runs it), the parent its call statement. */
  private finish(f: OpenFrame, filename: string): void {
    new Compiler(this.interp.rt, filename, '').exitFrame(f.code, f.frame, f.frameObj);
    const parts = f.parts.slice();
    f.code.body = () => {
      for (const p of parts) {
        const sig = p();
        if (sig !== 0) return sig;
      }
      return 0;
    };
    const parent = this.stack[this.stack.length - 1];
    if (parent && f.callPart) parent.parts.push(f.callPart);
  }

  private unwoundCloses: string[] = [];

  /** An exception left the entry: it propagates out of every open call, innermost first, as in CPython. */
  private unwindAll(e: unknown): void {
    if (e instanceof OpenCodeCalled) return;
    const rt = this.interp.rt;
    const h = this.interp.port;
    const closes: string[] = [];
    while (this.stack.length) {
      const f = this.stack[this.stack.length - 1]!;
      if (e instanceof PyExc) {
        if (!(e.tb.length && e.tb[e.tb.length - 1]!.frame === f.frame)) rt.linkTraceback(e.exc, f.frame);
        rt.addTb(e, f.frame);
      }
      // Temporaries the interrupted statement left on this frame's value stack go with it.
      this.stack.pop();
      this.finish(f, f.code.filename);
      closes.push(`${f.headerIndent}${f.name}()`);
    }
    this.unwoundCloses = closes;
  }
}

/** A `return` that would leave the frame (not one inside a nested def or class). */
function findReturn(body: Stmt[]): boolean {
  for (const s of body) {
    switch (s.k) {
      case 'return': return true;
      case 'if': case 'while': case 'for': if (findReturn(s.body) || findReturn(s.orelse)) return true; break;
      case 'try': if (findReturn(s.body) || s.handlers.some((x) => findReturn(x.body)) || findReturn(s.orelse) || findReturn(s.finalbody)) return true; break;
    }
  }
  return false;
}
