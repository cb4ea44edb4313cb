// Rows keyed by id rather than by object: every refresh returns fresh objects, and <For> over
// those would re-create each row, dropping a half-typed comment or an open editor.
import { createMemo, type Accessor } from 'solid-js';

export interface KeyedList<T> {
  /** the ids in order; a new array only when the ids or their order change */
  keys: Accessor<string[]>;
  get: (key: string) => T | undefined;
}

/** `create*`: reactive, disposed with its owner. */
export function createKeyedList<T>(items: Accessor<readonly T[]>, keyOf: (item: T) => string): KeyedList<T> {
  const byKey = createMemo(() => new Map(items().map((item) => [keyOf(item), item] as const)));
  const keys = createMemo(() => [...byKey().keys()], [], {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  });
  return { keys, get: (key) => byKey().get(key) };
}
