// Root-document changes -> 'sync/registry*' mutations that make the local tables equal to the
// fold. The fold is always of the whole registry (it is small, and a rename or merge on one uid
// changes other models' rows); what is sent is only what changed since the last projection this
// tab knows was committed: fingerprints are remembered when the mutation layer reports the commit,
// and forgotten for models a local mutation (this tab or another) touched, so nothing stale sticks.
import * as Y from 'yjs';
import type { Mutation, MutationEffect, SyncRegistryMutation } from '../../domain/mutations';
import type { HybridClock } from '../../domain/sync/hlc';
import type { RegistryFold } from '../../domain/sync/registry-fold';
import { isRecord, parseEvent, stableJson } from '../../domain/sync/registry-wire';
import { isSlot } from '../../domain/sync/slots';
import type { WorkspaceStore } from '../../storage/workspace-store';
import type { Activity, SyncContext } from '../adapter';
import { registryActivity } from './activity';
import { foldDoc, isRegistryMap, registryMaps } from './registry-doc';

type Pending = Array<[string, string]>;

export class RegistryProjector {
  /** key ('model:<name>', 'request:<id>', 'drop', 'derived', 'event:<id>') -> committed fingerprint */
  private readonly committed = new Map<string, string>();
  private readonly pending = new WeakMap<Mutation, Pending>();
  private readonly instantiated = new WeakSet<Y.Doc>();
  private store: WorkspaceStore | undefined;
  private unsubscribe: Array<() => void> = [];

  /** Forgets fingerprints of models changed outside projection (they may differ from the fold now). */
  forget(effect: MutationEffect): void {
    for (const name of effect.registeredModels ?? []) this.committed.delete(`model:${name}`);
    if ((effect.registeredModels ?? []).length > 0) {
      this.committed.delete('drop');
      for (const key of [...this.committed.keys()]) if (key.startsWith('request:')) this.committed.delete(key);
    }
  }

  private attach(store: WorkspaceStore): void {
    if (this.store === store) return;
    this.dispose();
    this.store = store;
    this.committed.clear();
    this.unsubscribe = [
      store.mutations.onMutation((list, effect, origin) => {
        if (origin !== 'remote') {
          this.forget(effect);
          return;
        }
        for (const m of list) for (const [key, fp] of this.pending.get(m) ?? []) this.committed.set(key, fp);
      }),
      store.mutations.onOtherTab((effect) => this.forget(effect)),
    ];
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
  }

  project(ctx: SyncContext, doc: Y.Doc, events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): { mutations: Mutation[]; activity: Activity[] } {
    if (doc !== ctx.root()) return { mutations: [], activity: [] };
    // Yjs reports changes only for maps that exist as Y.Maps in this document: the first call
    // creates them (registryMaps) and projects everything that arrived before.
    const first = !this.instantiated.has(doc);
    this.instantiated.add(doc);
    const mine = first ? [] : events.filter((e) => isRegistryMap(doc, e.target));
    if (!first && events.length > 0 && mine.length === 0) return { mutations: [], activity: [] };
    this.attach(ctx.store);
    observeStamps(ctx.clock, doc, mine);
    const fold = foldDoc(doc);
    return { mutations: this.changes(fold), activity: arrived(doc, mine) };
  }

  private changes(fold: RegistryFold): Mutation[] {
    const out: Mutation[] = [];
    const emit = (m: SyncRegistryMutation, pending: Pending): void => {
      const fresh = pending.filter(([key, fp]) => this.committed.get(key) !== fp);
      if (fresh.length === 0) return;
      this.pending.set(m, fresh);
      out.push(m);
    };
    const live = [...fold.models.keys()].sort();
    // Names no longer live are dropped: a model appearing under one of them later is new.
    for (const key of [...this.committed.keys()]) if (key.startsWith('model:') && !fold.models.has(key.slice(6))) this.committed.delete(key);
    const introducedBy = [...fold.introducedBy].filter(([name]) => !fold.models.has(name)).sort(([a], [b]) => (a < b ? -1 : 1));
    emit({ type: 'sync/registryDrop', live, introducedBy }, [['drop', stableJson([live, introducedBy])]]);
    for (const f of fold.models.values()) {
      const m: SyncRegistryMutation = { type: 'sync/registryModel', model: f.model, versions: f.versions, gate: f.gate };
      emit(m, [[`model:${f.name}`, stableJson(m)]]);
    }
    const requests = fold.requests.filter((r) => this.committed.get(`request:${r.id}`) !== stableJson(r));
    if (requests.length > 0) emit({ type: 'sync/registryRequests', requests }, requests.map((r) => [`request:${r.id}`, stableJson(r)]));
    const events = fold.events.filter((e) => !this.committed.has(`event:${e.id}`));
    if (events.length > 0) emit({ type: 'sync/registryEvents', events }, events.map((e) => [`event:${e.id}`, '']));
    emit({ type: 'sync/registryDerived', events: fold.derived }, [['derived', stableJson(fold.derived)]]);
    return out;
  }
}

/** Every remote stamp seen moves our clock past it (HybridClock ignores ones too far ahead). */
function observeStamps(clock: HybridClock, doc: Y.Doc, events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): void {
  const maps = registryMaps(doc);
  const seen = (value: unknown): void => {
    if (isSlot(value)) for (const [, hlc] of Object.values(value.f)) clock.observe(hlc);
    else if (isRecord(value) && typeof value.hlc === 'string') clock.observe(value.hlc);
  };
  if (events.length === 0) {
    for (const map of [maps.models, maps.versions, maps.gates, maps.requests, maps.transitions]) for (const v of map.values()) seen(v);
    return;
  }
  for (const e of events) {
    const map = e.target as Y.Map<unknown>;
    for (const key of changedKeys(e)) if (map.has(key)) seen(map.get(key));
  }
}

/** Keys an event changed. `keysChanged`, unlike `changes`, can be read after the transaction (the
 * replicator projects asynchronously). */
const changedKeys = (e: Y.YEvent<Y.AbstractType<unknown>>): Iterable<string> => (e instanceof Y.YMapEvent ? (e.keysChanged as Set<string>) : []);

/** Activity lines for audit events other peers added. */
function arrived(doc: Y.Doc, events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): Activity[] {
  const audit = registryMaps(doc).audit;
  const out: Activity[] = [];
  for (const e of events) {
    // The replicator also folds this peer's own writes: those are not news for the feed.
    if (e.target !== audit || e.transaction.local) continue;
    // Audit entries are immutable: a changed key that is there now has just arrived.
    for (const key of changedKeys(e)) {
      if (!audit.has(key)) continue;
      const raw = audit.get(key);
      const event = parseEvent(key, raw);
      if (event) out.push(registryActivity(event, isRecord(raw) && typeof raw.peer === 'string' ? raw.peer : ''));
    }
  }
  return out;
}
