// Hybrid logical clocks: "later wins" for concurrent edits across peers whose wall clocks disagree.
// A Yjs map resolves concurrent sets by client id, not by time, so every field that should go to
// the later edit carries one of these. Encoded as a string that sorts by plain comparison:
//   <wall ms, base36, 11 chars>-<counter, base36, 4 chars>-<peer id>
// The peer id at the end makes two peers' stamps never equal, so every comparison has one winner.

export type Hlc = string;

const WALL_WIDTH = 11;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
/** A remote stamp further ahead of our wall clock than this is not adopted into our clock (a peer
 * whose clock is a year ahead must not drag everyone's clock there); it still wins comparisons. */
export const MAX_ADOPTED_DRIFT_MS = 25 * 60 * 60 * 1000;

export interface HlcParts {
  wall: number;
  counter: number;
  peer: string;
}

export function encodeHlc({ wall, counter, peer }: HlcParts): Hlc {
  return `${wall.toString(36).padStart(WALL_WIDTH, '0')}-${counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${peer}`;
}

const HLC_PATTERN = /^([0-9a-z]{11})-([0-9a-z]{4})-([0-9a-z]{1,64})$/;

/** Parses a stamp; undefined for anything that is not one (a peer may send garbage). */
export function parseHlc(s: unknown): HlcParts | undefined {
  if (typeof s !== 'string') return undefined;
  const m = HLC_PATTERN.exec(s);
  if (!m) return undefined;
  return { wall: parseInt(m[1] as string, 36), counter: parseInt(m[2] as string, 36), peer: m[3] as string };
}

export const isHlc = (s: unknown): s is Hlc => parseHlc(s) !== undefined;

/** The smallest stamp: loses to every real one. */
export const ZERO_HLC: Hlc = encodeHlc({ wall: 0, counter: 0, peer: '0' });

export class HybridClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly peer: string,
    private readonly physical: () => number = () => Date.now(),
  ) {
    if (!/^[0-9a-z]{1,64}$/.test(peer)) throw new Error(`peer id must be 1-64 lowercase base36 chars, got "${peer}"`);
  }

  /**
   * A stamp for a local event: greater than every stamp this clock issued or observed. `ageMs`:
   * the event happened that long ago (a change committed before the replicator drained it), so
   * changes on two peers are ordered by when they were made, not by when each was drained.
   */
  now(ageMs = 0): Hlc {
    const pt = Math.max(0, Math.trunc(this.physical() - Math.max(0, ageMs)));
    if (pt > this.wall) {
      this.wall = pt;
      this.counter = 0;
    } else if (this.counter < MAX_COUNTER) {
      this.counter += 1;
    } else {
      // counter exhausted within one ms: borrow the next millisecond
      this.wall += 1;
      this.counter = 0;
    }
    return encodeHlc({ wall: this.wall, counter: this.counter, peer: this.peer });
  }

  /** Takes a remote stamp into account, so our next local stamp sorts after it. */
  observe(remote: Hlc): void {
    const r = parseHlc(remote);
    if (!r) return;
    if (r.wall > Math.max(0, this.physical()) + MAX_ADOPTED_DRIFT_MS) return;
    if (r.wall > this.wall || (r.wall === this.wall && r.counter > this.counter)) {
      this.wall = r.wall;
      this.counter = r.counter;
    }
  }
}
