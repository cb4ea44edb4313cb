// Builds root-document registry contents by hand for the pure fold tests: slots, transitions and
// audit entries exactly as peers write them, with stamps chosen by the test.
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc';
import type { RegistryDocState, RegistryFold } from '../../src/domain/sync/registry-fold';
import type { FieldValue } from '../../src/domain/sync/slots';

/** A stamp at `wall` ms (small numbers are fine: only order matters). */
export const h = (wall: number, peer = 'a', counter = 0): Hlc => encodeHlc({ wall, counter, peer });

export const actor = (name: string): { name: string; email: string } => ({ name, email: `${name}@example.org` });

type Fields = Record<string, [FieldValue, Hlc]>;

export class DocBuilder {
  readonly models = new Map<string, unknown>();
  readonly versions = new Map<string, unknown>();
  readonly gates = new Map<string, unknown>();
  readonly requests = new Map<string, unknown>();
  readonly transitions = new Map<string, unknown>();
  readonly audit = new Map<string, unknown>();

  /** Adds (merging into) `peer`'s slot of an entity. */
  slot(map: 'models' | 'versions' | 'gates' | 'requests', id: string, peer: string, fields: Fields): this {
    const key = `${id}|${peer}`;
    const cur = (this[map].get(key) as { f: Fields } | undefined)?.f ?? {};
    this[map].set(key, { f: { ...cur, ...fields }, by: { peer, user: `${peer}@example.org` } });
    return this;
  }

  model(uid: string, name: string, at: Hlc, extra: Fields = {}, peer = 'a'): this {
    return this.slot('models', uid, peer, { name: [name, at], created: [1000, at], user: ['u', at], updated: [1000, at], description: ['', at], ...extra });
  }

  version(uid: string, model: string, proposed: number, at: Hlc, extra: Fields = {}, peer = 'a'): this {
    return this.slot('versions', uid, peer, {
      model: [model, at],
      number: [proposed, at],
      source: [`runs:/${uid}/model`, at],
      storageLocation: [`runs:/${uid}/model`, at],
      runId: ['', at],
      runLink: ['', at],
      description: ['', at],
      user: ['u', at],
      created: [2000, at],
      ...extra,
    });
  }

  transition(id: string, model: string, version: string, stage: string, archiveExisting: boolean, hlc: Hlc, extra: Record<string, unknown> = {}): this {
    this.transitions.set(id, { model, version, stage, archiveExisting, hlc, actor: actor('t'), at: 3000, ...extra });
    return this;
  }

  event(id: string, name: string, kind: string, extra: Record<string, unknown> = {}): this {
    this.audit.set(id, { id, name, kind, actor: actor('e'), at: 1, ...extra });
    return this;
  }

  state(): RegistryDocState {
    return { models: this.models, versions: this.versions, gates: this.gates, requests: this.requests, transitions: this.transitions, audit: this.audit };
  }
}

/** The fold as plain JSON (maps as sorted entries), for equality checks. */
export function plainFold(f: RegistryFold): unknown {
  const sorted = <V>(m: Map<string, V> | Map<number, V>): Array<[string | number, V]> => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    models: sorted(f.models).map(([name, m]) => [name, { ...m, live: sorted(m.live), aliasSince: sorted(m.aliasSince) }]),
    groupOf: sorted(f.groupOf),
    dead: sorted(f.dead),
    requests: f.requests,
    events: [...f.events].sort((a, b) => (a.id < b.id ? -1 : 1)),
    derived: f.derived,
    introducedBy: sorted(f.introducedBy).map(([n, ids]) => [n, [...ids].sort()]),
  };
}
