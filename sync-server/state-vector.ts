// "What is stored" as a Yjs state vector, built from the records of a log without loading a doc.
// A client's clock counts as stored only up to the first gap: a record whose range starts beyond
// the stored clock waits aside until the records in between turn up (appended by another relay
// process, for example), so the answer never claims more than a load would integrate.
import * as Y from 'yjs';

export class StateVectorTracker {
  private sv = new Map<number, number>();
  private waiting = new Map<number, Array<[number, number]>>();

  static fromRecords(records: Iterable<{ update: Uint8Array }>): StateVectorTracker {
    const t = new StateVectorTracker();
    for (const r of records) t.add(r.update);
    return t;
  }

  add(update: Uint8Array): void {
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, start] of from) this.addRange(client, start, to.get(client) ?? start);
  }

  toMap(): Map<number, number> {
    return new Map(this.sv);
  }

  private addRange(client: number, start: number, end: number): void {
    const have = this.sv.get(client) ?? 0;
    if (start > have) {
      const list = this.waiting.get(client) ?? [];
      list.push([start, end]);
      this.waiting.set(client, list);
      return;
    }
    let clock = Math.max(have, end);
    const list = this.waiting.get(client);
    if (list) {
      // Ranges that now touch the stored prefix join it, possibly in a chain.
      list.sort((a, b) => a[0] - b[0]);
      const rest: Array<[number, number]> = [];
      for (const [s, e] of list) {
        if (s <= clock) clock = Math.max(clock, e);
        else rest.push([s, e]);
      }
      if (rest.length) this.waiting.set(client, rest);
      else this.waiting.delete(client);
    }
    this.sv.set(client, clock);
  }
}
