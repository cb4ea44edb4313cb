// Checks every frame a y-websocket client sends BEFORE Hocuspocus sees it. Hocuspocus applies what
// it gets; garbage there could leave half-applied transactions or Yjs "pending structs" in a live
// document, which Yjs then re-sends to every peer (encodeStateAsUpdate includes pending structs)
// and which are never integrated. So: decode fully, bound sizes, and work out which ids an update
// depends on, so the bridge can hold it until they exist (or close the socket when they never do).
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** No sane struct is longer than this; a larger one would burn a client's clock space. */
const MAX_STRUCT_LENGTH = 2 ** 31;

export interface UpdateNeeds {
  /** Per client, its structs as [start, end, isSkip], in clock order. */
  ranges: Map<number, Array<[number, number, boolean]>>;
  /** Ids referenced by items (origin, right origin, parent item): [client, clock]. */
  refs: Array<[number, number]>;
  /** Deleted ranges: [client, endClock]. */
  deletes: Array<[number, number]>;
}

export type ClientFrame =
  | { kind: 'sync-step1' }
  | { kind: 'sync-step2' | 'sync-update'; update: Uint8Array; needs: UpdateNeeds }
  | { kind: 'awareness'; bytes: number }
  | { kind: 'query-awareness' };

export class BadFrame extends Error {}

export interface FrameLimits {
  maxAwarenessBytes: number;
}

export function parseClientFrame(data: Uint8Array, limits: FrameLimits): ClientFrame {
  try {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MSG_SYNC: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SYNC_STEP1) {
          Y.decodeStateVector(payload);
          return { kind: 'sync-step1' };
        }
        if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
          return { kind: sub === SYNC_STEP2 ? 'sync-step2' : 'sync-update', update: payload, needs: analyzeUpdate(payload) };
        }
        throw new BadFrame(`unknown sync message type ${sub}`);
      }
      case MSG_AWARENESS: {
        if (data.length > limits.maxAwarenessBytes) throw new FrameTooLarge();
        const payload = decoding.readVarUint8Array(d);
        checkAwareness(payload);
        return { kind: 'awareness', bytes: data.length };
      }
      case MSG_QUERY_AWARENESS:
        return { kind: 'query-awareness' };
      default:
        throw new BadFrame(`unknown message type ${type}`);
    }
  } catch (e) {
    if (e instanceof BadFrame) throw e;
    throw new BadFrame('malformed message');
  }
}

export class FrameTooLarge extends BadFrame {
  constructor() {
    super('awareness message too large');
  }
}

/** Decodes a v1 update completely (throws on anything malformed) and lists what it depends on. */
export function analyzeUpdate(update: Uint8Array): UpdateNeeds {
  const { structs, ds } = Y.decodeUpdate(update);
  const ranges = new Map<number, Array<[number, number, boolean]>>();
  const refs: Array<[number, number]> = [];
  for (const s of structs) {
    const { client, clock } = s.id;
    if (!(s.length > 0) || s.length > MAX_STRUCT_LENGTH || !Number.isSafeInteger(clock + s.length)) throw new BadFrame('bad struct');
    let list = ranges.get(client);
    if (!list) ranges.set(client, (list = []));
    list.push([clock, clock + s.length, s instanceof Y.Skip]);
    if (s instanceof Y.Item) {
      for (const ref of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null]) {
        if (!ref) continue;
        // Yjs integrates a client's structs in clock order, so an item can only refer to an
        // EARLIER struct of its own client; anything else makes Yjs throw mid-transaction.
        if (ref.client === client && ref.clock >= clock) throw new BadFrame('bad self reference');
        refs.push([ref.client, ref.clock]);
      }
    }
  }
  const deletes: Array<[number, number]> = [];
  for (const [client, items] of ds.clients) {
    for (const item of items) deletes.push([client, item.clock + item.len]);
  }
  return { ranges, refs, deletes };
}

/**
 * True when everything `needs` refers to exists in a document whose per-client clocks are
 * `stateOf`, or arrives with the update itself, i.e. Yjs will integrate it without pending structs.
 */
export function dependenciesMet(needs: UpdateNeeds, stateOf: (client: number) => number): boolean {
  const avail = new Map<number, number>();
  for (const [client, list] of needs.ranges) {
    let cur = stateOf(client);
    for (const [start, end, skip] of list) {
      if (skip) continue;
      if (start > cur) return false; // a gap before this struct
      cur = Math.max(cur, end);
    }
    avail.set(client, cur);
  }
  const has = (client: number, clock: number) => clock < (avail.get(client) ?? stateOf(client));
  for (const [client, clock] of needs.refs) if (!has(client, clock)) return false;
  for (const [client, end] of needs.deletes) if (!has(client, end - 1)) return false;
  return true;
}

function checkAwareness(payload: Uint8Array): void {
  const d = decoding.createDecoder(payload);
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    JSON.parse(decoding.readVarString(d));
  }
}
