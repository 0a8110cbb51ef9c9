// Test host for the heap: records finalizers, weakref callbacks and gc callbacks like a Python program would
// observe them, and builds the small graphs the reference's experiments use.
import { Heap, type HeapHost, type ObjId, type ProfileId, checkHeapInvariants } from '../../../src-main/engine/index';
import { expect } from 'vitest';

export interface GcCall {
  phase: 'start' | 'stop';
  generation: number;
  collected: number;
  uncollectable: number;
  count0: number;
}

export class Lab implements HeapHost {
  readonly h: Heap;
  finalized: ObjId[] = [];
  /** Names (instance attribute 'n') of finalized objects, in call order. */
  finalizedNames: string[] = [];
  callbacks: ObjId[] = [];
  gcCalls: GcCall[] = [];
  /** When set, __del__ appends self to this list (resurrection). */
  resurrectInto: ObjId = 0;
  /** Classes whose __del__ resurrects (when resurrectInto is set); empty = all classes with __del__. */
  resurrecting = new Set<ObjId>();
  /** Called at every gc callback (e.g. to allocate like a Python callback would). */
  onGc: ((c: GcCall) => void) | null = null;

  constructor(version: ProfileId) {
    this.h = new Heap(version);
    this.h.setHost(this);
  }

  finalize(obj: ObjId): void {
    this.finalized.push(obj);
    const n = this.h.getAttr(obj, 'n');
    if (n !== 0) this.finalizedNames.push(String(this.h.value(n)));
    const cls = this.h.classOf(obj);
    if (this.resurrectInto !== 0 && (this.resurrecting.size === 0 || this.resurrecting.has(cls))) {
      this.h.listAppend(this.resurrectInto, obj);
    }
  }

  weakrefCallback(callback: ObjId, wr: ObjId): void {
    this.callbacks.push(wr);
    void callback;
  }

  gcCallbacks(phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number): void {
    const c = { phase, generation, collected, uncollectable, count0: this.h.getCount()[0] };
    this.gcCalls.push(c);
    this.onGc?.(c);
  }

  /** A global binding `name = v` (steals v). */
  bind(name: string, v: ObjId): void {
    const k = this.h.intern(name);
    this.h.dictSetItem(this.h.globals, k, v);
    this.h.decref(k);
    this.h.decref(v);
  }

  /** `del name` at module level. */
  unbind(name: string): void {
    const k = this.h.intern(name);
    this.h.dictDelItem(this.h.globals, k);
    this.h.decref(k);
  }

  global(name: string): ObjId {
    return this.h.dictGetStr(this.h.globals, name);
  }

  /** `class Name: ...` bound in globals; returns the (borrowed) class. */
  defineClass(name: string, opts: Parameters<Heap['newClass']>[1] = {}): ObjId {
    const c = this.h.newClass(name, opts);
    this.bind(name, c);
    return c;
  }

  /** A ring of n new instances of cls (each .o -> next); returns them as new references. */
  ring(cls: ObjId, n: number, attr = 'o'): ObjId[] {
    const objs = Array.from({ length: n }, () => this.h.newInstance(cls));
    for (let i = 0; i < n; i++) this.h.setAttr(objs[i], attr, objs[(i + 1) % n]);
    return objs;
  }

  /** Drop new references. */
  drop(...ids: ObjId[]): void {
    for (const id of ids) this.h.decref(id);
  }

  expectConsistent(): void {
    expect(checkHeapInvariants(this.h)).toEqual([]);
  }

  stops(): GcCall[] {
    return this.gcCalls.filter((c) => c.phase === 'stop');
  }

  starts(): GcCall[] {
    return this.gcCalls.filter((c) => c.phase === 'start');
  }
}

export const ALL_CLASSIC: ProfileId[] = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];
export const SEPARATE_DICT: ProfileId[] = ['3.8', '3.9', '3.10'];
export const NO_INSTANCE_DICT: ProfileId[] = ['3.11', '3.12', '3.13', '3.14.2', '3.14'];
