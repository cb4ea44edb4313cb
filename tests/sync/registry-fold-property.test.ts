// The fold depends only on the set of writes: not on the order entries sit in the maps, not on
// which slots hold a write, not on a write being held by several slots (as after peers merge each
// other's slots). Random histories over a few models, versions, requests and transitions — with
// name collisions, deletes, renames, aliases and approvals — fold identically however scrambled,
// and the result keeps the registry's invariants.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { foldRegistry, type RegistryDocState } from '../../src/domain/sync/registry-fold';
import type { FieldValue } from '../../src/domain/sync/slots';
import { actor, h, plainFold } from './registry-fold-fixtures';

type MapName = 'models' | 'versions' | 'gates' | 'requests';
interface Write {
  map: MapName;
  id: string;
  field: string;
  value: FieldValue;
  hlc: string;
}

const PEERS = ['p', 'q', 'r'];
const MODELS = ['M1', 'M2', 'M3'];
const VERSIONS = ['V1', 'V2', 'V3', 'V4', 'V5'];
const STAGES = ['None', 'Staging', 'Production', 'Archived'];
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

/** A random edit: [kind, entity, value seed, wall, peer]. */
const editArb = fc.tuple(fc.nat(11), fc.nat(20), fc.nat(20), fc.integer({ min: 1, max: 400 }), fc.constantFrom(...PEERS));
const transitionArb = fc.tuple(fc.nat(20), fc.nat(3), fc.boolean(), fc.integer({ min: 1, max: 400 }), fc.constantFrom(...PEERS), fc.nat(4));

function history(edits: Array<[number, number, number, number, string]>): Write[] {
  let counter = 0;
  const stamp = (wall: number, peer: string): string => h(wall, peer, counter++);
  const out: Write[] = [];
  const put = (map: MapName, id: string, fields: Record<string, FieldValue>, hlc: string): void => {
    for (const [field, value] of Object.entries(fields)) out.push({ map, id, field, value, hlc });
  };
  MODELS.forEach((m, i) => put('models', m, { name: pick(['a', 'b'], i), created: 100 + i, user: `u${i}`, updated: 100 + i }, stamp(10 + i, pick(PEERS, i))));
  VERSIONS.forEach((v, i) => put('versions', v, { model: pick(MODELS, i), number: 1 + (i % 2), created: 200 + i, source: `s${i}` }, stamp(20 + i * 7, pick(PEERS, i + 1))));
  ['R1', 'R2'].forEach((r, i) =>
    put('requests', r, { model: 'M1', version: pick(VERSIONS, i), target: { kind: 'stage', stage: 'Production' }, archive: true, requestedBy: actor('req'), requestedAt: 1, comment: '' }, stamp(30 + i, 'p')),
  );
  for (const [kind, entity, seed, wall, peer] of edits) {
    const hlc = stamp(wall, peer);
    const m = pick(MODELS, entity);
    const v = pick(VERSIONS, entity);
    switch (kind) {
      case 0: put('models', m, { name: pick(['a', 'b', 'c'], seed) }, hlc); break;
      case 1: put('models', m, { description: `d${seed}` }, hlc); break;
      case 2: put('models', m, { [`tag:${pick(['x', 'y'], seed)}`]: seed % 3 === 0 ? null : `t${seed}` }, hlc); break;
      case 3: put('models', m, { [`alias:${pick(['champ', 'prev'], seed)}`]: seed % 4 === 0 ? null : { v: pick(VERSIONS, seed), since: hlc } }, hlc); break;
      case 4: put('models', m, { deleted: { at: seed, by: actor('del') } }, hlc); break;
      case 5: put('models', m, { renamed: seed, updated: seed }, hlc); break;
      case 6: put('versions', v, { description: `vd${seed}`, updated: seed }, hlc); break;
      case 7: put('versions', v, { [`tag:${pick(['x', 'y'], seed)}`]: `vt${seed}` }, hlc); break;
      case 8: put('versions', v, { deleted: { at: seed, by: actor('vdel') } }, hlc); break;
      case 9: put('gates', m, { stages: [pick(STAGES, seed)], aliases: seed % 2 === 0 ? ['champ'] : [] }, hlc); break;
      case 10: put('requests', pick(['R1', 'R2'], entity), { [`decision:D${seed % 3}`]: { status: pick(['APPROVED', 'REJECTED', 'CANCELLED'], seed), by: actor(`rev${seed}`), at: seed, comment: '' } }, hlc); break;
      default: put('versions', v, { number: 1 + (seed % 3) }, hlc); // a creator's number, rewritten
    }
  }
  return out;
}

/** Slot maps holding `writes`: each write in the slot(s) chosen by `slotsFor`, highest stamp per field. */
function slots(writes: readonly Write[], slotsFor: (w: Write, i: number) => string[], order: (keys: string[]) => string[]): Record<MapName, Map<string, unknown>> {
  const byKey = new Map<string, { map: MapName; f: Record<string, [FieldValue, string]> }>();
  writes.forEach((w, i) => {
    for (const peer of slotsFor(w, i)) {
      const key = `${w.map}\u0000${w.id}|${peer}`;
      const slot = byKey.get(key) ?? { map: w.map, f: {} };
      const cur = slot.f[w.field];
      if (!cur || cur[1] < w.hlc) slot.f[w.field] = [w.value, w.hlc];
      byKey.set(key, slot);
    }
  });
  const out: Record<MapName, Map<string, unknown>> = { models: new Map(), versions: new Map(), gates: new Map(), requests: new Map() };
  for (const key of order([...byKey.keys()])) {
    const slot = byKey.get(key) as { map: MapName; f: Record<string, [FieldValue, string]> };
    out[slot.map].set(key.slice(key.indexOf('\u0000') + 1), { f: slot.f, by: { peer: 'x', user: '' } });
  }
  return out;
}

function logs(transitions: Array<[number, number, boolean, number, string, number]>): Array<[string, unknown]> {
  return transitions.map(([v, stage, archive, wall, peer, approval], i) => {
    const entry: Record<string, unknown> = { model: 'M1', version: pick(VERSIONS, v), stage: pick(STAGES, stage), archiveExisting: archive, hlc: h(wall, peer, 10_000 + i), actor: actor('t'), at: wall };
    if (approval < 2) Object.assign(entry, { request: pick(['R1', 'R2'], approval), approval: `D${i % 3}` });
    return [`T${i}`, entry];
  });
}

const shuffle = <T>(list: readonly T[], seed: number): T[] => {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

test('the fold is independent of entry order, slot placement and duplication, and keeps the invariants', () => {
  fc.assert(
    fc.property(fc.array(editArb, { maxLength: 40 }), fc.array(transitionArb, { maxLength: 12 }), fc.nat(), fc.array(fc.nat(PEERS.length * 2), { minLength: 1, maxLength: 8 }), (edits, transitions, seed, placements) => {
      const writes = history(edits);
      const log = logs(transitions);
      const events: Array<[string, unknown]> = [['E1', { id: 'E1', name: 'a', kind: 'model/create', actor: actor('e'), at: 1 }]];
      const state = (s: Record<MapName, Map<string, unknown>>, t: Array<[string, unknown]>, e: Array<[string, unknown]>): RegistryDocState => ({ ...s, transitions: new Map(t), audit: new Map(e) });

      // Each writer's own slot, entries in write order.
      const plain = state(slots(writes, (w) => [w.hlc.slice(w.hlc.lastIndexOf('-') + 1)], (k) => k), log, events);
      // Writes spread over one or two slots (as merged slots hold copies), entries shuffled,
      // the log entries delivered twice and in another order.
      const spread = (w: Write, i: number): string[] => {
        const n = placements[i % placements.length] as number;
        return n >= PEERS.length ? [pick(PEERS, n), pick(PEERS, n + 1)] : [pick(PEERS, n)];
      };
      const scrambled = state(slots(writes, spread, (k) => shuffle(k, seed)), shuffle([...log, ...log], seed + 1), shuffle([...events, ...events], seed + 2));

      const a = foldRegistry(plain);
      expect(plainFold(foldRegistry(scrambled))).toEqual(plainFold(a));

      for (const m of a.models.values()) {
        const numbers = m.versions.map((v) => v.version);
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(Math.max(0, ...numbers)).toBeLessThan(m.model.nextVersion);
        for (const al of m.model.aliases) expect(numbers).toContain(Number(al.version));
        expect(m.versions.every((v) => v.name === m.name)).toBe(true);
      }
      expect(new Set(a.requests.map((r) => r.id)).size).toBe(a.requests.length);
    }),
    { numRuns: 300 },
  );
});
