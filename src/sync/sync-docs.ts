// The workspace's open Yjs documents by name (root `W`, run shards `W/runs/<h>`). Opening a
// document first applies its persisted updates (the transport's `loadDoc`), and only then hands it
// to the observers, so what was stored before a reload is neither re-sent nor re-persisted as new;
// the replicator folds it once, as a whole. Transport code finds documents here and hears about new
// ones through onDocAdded (the replicator opens its fixed set at start).
import * as Y from 'yjs';

/** Yjs origin of persisted updates applied while opening a document. */
export const LOAD_ORIGIN = 'orchard-load';

export type DocListener = (name: string, doc: Y.Doc) => void;

export interface SyncDocsOptions {
  rootName: string;
  load?: (name: string) => Promise<Uint8Array[]>;
  /** attaches the replicator's observers; called once per document, after its load */
  attach: (name: string, doc: Y.Doc) => void;
  onProblem?: (text: string) => void;
}

export class SyncDocs {
  private readonly open = new Map<string, Y.Doc>();
  private readonly opening = new Map<string, Promise<Y.Doc>>();
  private readonly listeners = new Set<DocListener>();

  constructor(private readonly o: SyncDocsOptions) {}

  /** The root document (experiments, registry). Open after the replicator started. */
  get root(): Y.Doc {
    const doc = this.open.get(this.o.rootName);
    if (!doc) throw new Error('The root sync document is not open yet.');
    return doc;
  }

  get rootName(): string {
    return this.o.rootName;
  }

  /** An open document, or undefined (not known here, or still loading). */
  get(name: string): Y.Doc | undefined {
    return this.open.get(name);
  }

  names(): string[] {
    return [...this.open.keys()];
  }

  /** Opens (loading persisted updates first) or returns an open document. */
  openDoc(name: string): Promise<Y.Doc> {
    const known = this.open.get(name);
    if (known) return Promise.resolve(known);
    let p = this.opening.get(name);
    if (!p) {
      p = this.load(name).finally(() => this.opening.delete(name));
      this.opening.set(name, p);
    }
    return p;
  }

  /**
   * A document right away, for code that cannot wait: opened empty and handed to the observers
   * now; its persisted updates (if any) are applied when they have loaded, as remote updates.
   */
  openNow(name: string): Y.Doc {
    const known = this.open.get(name);
    if (known) return known;
    const doc = new Y.Doc();
    this.register(name, doc);
    void this.o.load?.(name).then((updates) => this.applyStored(name, doc, updates)).catch((e) => this.o.onProblem?.(`loading ${name} failed: ${String(e)}`));
    return doc;
  }

  /**
   * Hears every document that opens from now on (and, with `replay`, those already open), e.g. to
   * connect it to the relay. Returns the unsubscribe function.
   */
  onDocAdded(listener: DocListener, replay = true): () => void {
    this.listeners.add(listener);
    if (replay) for (const [name, doc] of this.open) listener(name, doc);
    return () => this.listeners.delete(listener);
  }

  /** Forgets listeners (the documents stay usable for whoever holds them). */
  close(): void {
    this.listeners.clear();
  }

  private async load(name: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    this.applyStored(name, doc, this.o.load ? await this.o.load(name) : []);
    const raced = this.open.get(name);
    if (raced) {
      // openNow() won the race: give it what was loaded (as remote updates; it is observed already)
      Y.applyUpdate(raced, Y.encodeStateAsUpdate(doc), LOAD_ORIGIN);
      return raced;
    }
    this.register(name, doc);
    return doc;
  }

  private register(name: string, doc: Y.Doc): void {
    this.o.attach(name, doc);
    this.open.set(name, doc);
    for (const l of [...this.listeners]) l(name, doc);
  }

  private applyStored(name: string, doc: Y.Doc, updates: readonly Uint8Array[]): void {
    for (const u of updates) {
      try {
        Y.applyUpdate(doc, u, LOAD_ORIGIN);
      } catch (e) {
        // One unreadable stored update must not keep the document closed; the relay and the other
        // peers still hold what it carried.
        this.o.onProblem?.(`stored update of ${name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
