// Document changes waiting to be folded into the tables, per document: the events of transactions
// (which entities changed) or "everything" (a document just opened, or a root map this peer had
// not typed yet). Remote changes, and this peer's own writes too: a rule that ties entities
// together (unique experiment names) can change another entity's row when this peer writes, and
// the writer must end with the rows every other peer derives. Collected synchronously in Yjs'
// afterTransaction, folded later by the work loop.
import * as Y from 'yjs';

type Event = Y.YEvent<Y.AbstractType<unknown>>;

export interface PendingFold {
  all: boolean;
  events: Event[];
  /** some of it came from elsewhere (a peer, or a document loaded), not only this peer's writes */
  remote: boolean;
}

export class DocChanges {
  private pending = new Map<string, PendingFold>();

  get size(): number {
    return this.pending.size;
  }

  /** Whether a change from elsewhere waits (folding it observes other peers' stamps). */
  get hasRemote(): boolean {
    for (const p of this.pending.values()) if (p.remote) return true;
    return false;
  }

  everything(doc: string): void {
    this.pending.set(doc, { all: true, events: [], remote: true });
  }

  /** Notes what a transaction changed in `doc`; `remote` unless it was this peer's own write. */
  note(doc: string, tr: Y.Transaction, remote: boolean): void {
    if (tr.changed.size === 0) return; // a duplicate delivery: nothing new
    let p = this.pending.get(doc);
    if (!p) this.pending.set(doc, (p = { all: false, events: [], remote }));
    p.remote ||= remote;
    if (p.all) return;
    for (const type of tr.changed.keys()) {
      // A root type nobody here has asked for yet raises no events: fold the whole document.
      if (type._item === null && !(type instanceof Y.Map)) {
        p.all = true;
        p.events = [];
        return;
      }
    }
    for (const [type, events] of tr.changedParentTypes) if (type._item === null) p.events.push(...events.filter((e) => e.target === type));
  }

  /** Takes everything noted so far. */
  take(): Map<string, PendingFold> {
    const out = this.pending;
    this.pending = new Map();
    return out;
  }

  /** Puts folds back (their batch was refused); newer notes for the same document are kept too. */
  restore(batch: Map<string, PendingFold>): void {
    for (const [doc, p] of batch) {
      const cur = this.pending.get(doc);
      if (!cur) this.pending.set(doc, p);
      else if (p.all || cur.all) this.pending.set(doc, { all: true, events: [], remote: true });
      else {
        cur.events.unshift(...p.events);
        cur.remote ||= p.remote;
      }
    }
  }
}

/** Turns root types that arrived untyped into maps (all Orchard roots are maps), so they raise
 * events from now on. Leaves anything that holds list content alone. */
export function typeRootMaps(doc: Y.Doc): void {
  for (const [name, type] of doc.share) {
    const untyped = (type as { constructor: unknown }).constructor === Y.AbstractType;
    if (untyped && (type as Y.AbstractType<unknown>)._start === null) doc.getMap(name);
  }
}
