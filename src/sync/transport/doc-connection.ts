// One sync document's connection to the relay: a y-websocket provider on `<relay>/sync/<doc>`
// with the token as a query parameter (docs/sync-design.md, "Relay contract").
//
// Read-only tokens: the relay closes a socket that tries to write (4403), and y-websocket would
// send every local change, so a read-only peer with one local edit would lose its live feed. So a
// read-only connection syncs a mirror document that only ever holds what came from the relay,
// and copies each remote update into the real document; local changes stay on this device.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** connecting: first attempt pending; connected: socket open; offline: lost or failed, retrying
 * (or given up on, see `failure`); refused: the relay turned the token down (4401/4403) and this
 * connection stopped reconnecting. */
export type LinkState = 'connecting' | 'connected' | 'offline' | 'refused';

export interface Refusal {
  code: number;
  reason: string;
}

/** The relay's close codes (sync-server/bridge.ts). Only a refused token or role ends the
 * session; a message the relay cannot take (malformed 4400, too large 4413, or 1009 from the
 * socket layer's frame limit) would be sent again on every reconnect, so that document stops and
 * reports it; everything else (rate limits 4429, a document the relay cannot load 4500,
 * restarts) is retried with backoff. */
const AUTH_CODES = new Set([4401, 4403]);
const GIVE_UP_CODES = new Set([4401, 4403, 4400, 4413, 1009]);

export interface DocConnectionOptions {
  /** ws(s)://host/sync */
  socketUrl: string;
  token: string;
  readOnly: boolean;
  /** Node has no global WebSocket before v22: pass `ws`'s class */
  WebSocketPolyfill?: typeof WebSocket;
  /** true in Node tests (two providers in one process would otherwise sync over BroadcastChannel) */
  disableBc: boolean;
  /** cap of y-websocket's reconnect backoff (default 2500 ms) */
  maxBackoffTime?: number;
}

export class DocConnection {
  readonly provider: WebsocketProvider;
  private readonly mirror: Y.Doc | undefined;
  private linkState: LinkState = 'connecting';
  private refusalInfo: Refusal | undefined;
  private failureInfo: Refusal | undefined;
  private syncs = 0;
  private readonly listeners = new Set<() => void>();
  private readonly forward: ((update: Uint8Array, origin: unknown) => void) | undefined;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    o: DocConnectionOptions,
  ) {
    this.mirror = o.readOnly ? new Y.Doc() : undefined;
    // Every provider keeps its default awareness state (`{}`), although only the root's carries
    // presence: the relay echoes the 15 s awareness renewals, and without any incoming message
    // y-websocket closes an idle socket after 30 s and reconnects.
    this.provider = new WebsocketProvider(o.socketUrl, name, this.mirror ?? doc, {
      params: { token: o.token },
      disableBc: o.disableBc,
      maxBackoffTime: o.maxBackoffTime,
      shouldReconnect: (event) => !GIVE_UP_CODES.has(event.code),
      ...(o.WebSocketPolyfill ? { WebSocketPolyfill: o.WebSocketPolyfill } : {}),
    });
    if (this.mirror) {
      // Everything in the mirror came from the relay; the provider is the origin, as when a
      // read-write provider applies a remote update to the real document directly.
      this.forward = (update) => Y.applyUpdate(doc, update, this.provider);
      this.mirror.on('update', this.forward);
    }
    this.provider.on('status', ({ status }) => {
      if (this.linkState === 'refused') return;
      if (status === 'connected') this.set('connected');
      else if (status === 'disconnected') this.set('offline');
      // 'connecting' after a loss stays 'offline' until it succeeds: that is what users see
    });
    this.provider.on('connection-close', () => {
      if (this.linkState !== 'refused' && this.linkState !== 'connected') this.set('offline');
    });
    this.provider.on('closed', (event) => {
      const info = { code: event.code, reason: event.reason || `closed with code ${event.code}` };
      if (AUTH_CODES.has(event.code)) {
        this.refusalInfo = info;
        this.set('refused');
      } else {
        this.failureInfo = info;
        if (this.linkState === 'offline') this.emit();
        else this.set('offline');
      }
    });
    this.provider.on('sync', (synced) => {
      if (!synced) return;
      this.syncs++;
      this.emit();
    });
  }

  get state(): LinkState {
    return this.linkState;
  }

  /** why the relay refused this connection, when state is 'refused' */
  get refusal(): Refusal | undefined {
    return this.refusalInfo;
  }

  /** why the relay closed this document for good (not the token's fault), if it did */
  get failure(): Refusal | undefined {
    return this.failureInfo;
  }

  /** true once the first sync with the relay completed */
  get synced(): boolean {
    return this.syncs > 0;
  }

  /** how many times a (re)connection completed its sync with the relay */
  get syncCount(): number {
    return this.syncs;
  }

  /** The state vector of what this connection shares with the relay: the whole document, or
   * for read-only connections only what came from the relay. */
  sharedStateVector(): Uint8Array {
    return Y.encodeStateVector(this.mirror ?? this.doc);
  }

  /**
   * Read-only connections: how many of this device's writes the relay will never get (Yjs
   * clock ticks the real document has beyond the mirror; a slot or ref written once is one).
   * Everything the mirror holds came from the relay and was copied into the real document, so
   * the difference is exactly what was written here. 0 before the first sync (the mirror is
   * still empty then) and for read-write connections, which send everything.
   */
  unsharedWrites(): number {
    if (!this.mirror || !this.synced) return 0;
    const shared = Y.decodeStateVector(Y.encodeStateVector(this.mirror));
    let n = 0;
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) n += Math.max(0, clock - (shared.get(client) ?? 0));
    return n;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.listeners.clear();
    this.provider.destroy();
    // The provider's awareness keeps an interval of its own (TOOLCHAIN §8 pitfall 12), and the
    // real document belongs to the replicator, so it is not destroyed here.
    this.provider.awareness.destroy();
    if (this.mirror) {
      if (this.forward) this.mirror.off('update', this.forward);
      this.mirror.destroy();
    }
  }

  private set(state: LinkState): void {
    if (state === this.linkState) return;
    this.linkState = state;
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
