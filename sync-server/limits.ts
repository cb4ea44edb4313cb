// Per-socket message rate and per-address socket count. Each y-websocket socket carries exactly one
// document, so "documents per connection" is 1 by construction and the meaningful bound is how many
// sockets one address may hold open.

/** Token bucket: `rate` messages per second on average, bursts up to `burst`. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(private readonly rate: number, private readonly burst: number, now = Date.now()) {
    this.tokens = burst;
    this.last = now;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export class AddressCounter {
  private counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Reserves a slot; false when the address already holds `max` sockets. */
  acquire(addr: string): boolean {
    const n = this.counts.get(addr) ?? 0;
    if (n >= this.max) return false;
    this.counts.set(addr, n + 1);
    return true;
  }

  release(addr: string): void {
    const n = (this.counts.get(addr) ?? 1) - 1;
    if (n <= 0) this.counts.delete(addr);
    else this.counts.set(addr, n);
  }
}
