// One y-websocket socket ⇄ one Hocuspocus "connection".
//
// y-websocket opens a socket per document and frames messages as [type][payload]; Hocuspocus
// multiplexes documents on a socket as [varString docName][type][payload] and waits for an Auth
// message (type 2) per document before it loads the document. The bridge hands Hocuspocus a
// stand-in socket (`ServerSide`), sends the Auth message itself (the real token was checked at the
// upgrade, so Hocuspocus never sees it), prefixes every client frame with the document name, and
// turns Hocuspocus's replies back into y-websocket frames:
//   Sync (0) and SyncReply (4)   → sync (0)         (SyncReply is sync without a new step 1)
//   Awareness (1)                → awareness (1)
//   Auth PermissionDenied        → close 4500 (load failed) / 4403
//   SyncStatus (8) "not applied" → close 4403      (Hocuspocus's read-only refusal)
//   SyncStatus "applied", Stateless (5/6), Close (7) → not forwarded; Close ends the socket
// Client frames are checked (frames.ts) and rate-limited first; an update whose dependencies are
// not in the document yet is held until they are, or the socket is closed.
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Document, Extension, Hocuspocus } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { TokenClaims } from '../src/domain/sync/token';
import type { Limits } from './config';
import { BadFrame, type ClientFrame, dependenciesMet, FrameTooLarge, MSG_AWARENESS, MSG_SYNC, parseClientFrame } from './frames';
import { RateLimiter } from './limits';
import type { Logger } from './log';
import type { Metrics } from './metrics';

// Hocuspocus message types (its own numbering; 0-3 match y-websocket's).
const HP_SYNC = 0;
const HP_AWARENESS = 1;
const HP_AUTH = 2;
const HP_SYNC_REPLY = 4;
const HP_CLOSE = 7;
const HP_SYNC_STATUS = 8;
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;

/** The reason a load failure is reported with (persistence.ts throws it). */
export const DOCUMENT_UNAVAILABLE = 'document-unavailable';

export const CLOSE = {
  goingAway: 1001,
  internal: 1011,
  tryLater: 1013,
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  tooLarge: 4413,
  tooMany: 4429,
  unavailable: 4500,
} as const;

/** How many frames may wait for their dependencies before the socket is judged abusive. */
const MAX_HELD_FRAMES = 1000;

export interface BridgeDeps {
  hocuspocus: Hocuspocus;
  limits: Limits;
  metrics: Metrics;
  log: Logger;
}

interface Held {
  frame: ClientFrame;
  raw: Uint8Array;
  /** When it was first found waiting for dependencies. */
  since?: number;
}

export class Bridge {
  readonly readOnly: boolean;
  private readonly server = new ServerSide(this);
  private readonly rate: RateLimiter;
  private readonly inbox: Held[] = [];
  private doc: Document | null = null;
  private depsTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly onDocUpdate = () => {
    if (this.inbox.length) this.pump();
  };
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly ws: WebSocket,
    readonly docName: string,
    readonly claims: TokenClaims,
    readonly address: string,
    private readonly deps: BridgeDeps,
  ) {
    this.readOnly = claims.role === 'read-only';
    this.rate = new RateLimiter(deps.limits.messagesPerSecond, deps.limits.messageBurst);
  }

  /** Hands the stand-in socket to Hocuspocus and authenticates it for our one document. */
  start(): void {
    this.ws.on('message', (data, isBinary) => this.fromClient(data as Buffer, isBinary));
    this.ws.on('pong', () => this.server.emit('pong'));
    this.ws.on('error', (e) => this.deps.log.debug('socket error', { doc: this.docName, error: e.message }));
    this.ws.once('close', (code) => this.detach(code, 'client closed'));
    // A request stand-in with no token in it: Hocuspocus passes requests to every hook.
    const request = { headers: {}, url: `/${this.docName}`, socket: { remoteAddress: this.address } } as unknown as IncomingMessage;
    this.deps.hocuspocus.handleConnection(this.server as unknown as WebSocket, request, { orchard: this });
    const auth = encoding.createEncoder();
    encoding.writeVarString(auth, this.docName);
    encoding.writeVarUint(auth, HP_AUTH);
    encoding.writeVarUint(auth, AUTH_TOKEN);
    encoding.writeVarString(auth, 'checked-at-upgrade');
    this.server.emit('message', encoding.toUint8Array(auth));
  }

  onClose(fn: () => void): void {
    this.closeListeners.push(fn);
  }

  /** Called from the `connected` hook: the document is loaded and the connection registered. */
  connected(doc: Document): void {
    if (this.closed) return;
    this.doc = doc;
    doc.on('update', this.onDocUpdate);
    this.pump();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.deps.metrics.closes.inc(1, { code: String(code) });
    const level = code === CLOSE.goingAway ? 'debug' : 'info';
    this.deps.log[level]('closing socket', { doc: this.docName, code, reason, address: this.address });
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    this.detach(code, reason);
  }

  ping(): void {
    try {
      this.ws.ping();
    } catch {
      /* closing anyway */
    }
  }

  // ── client → Hocuspocus ────────────────────────────────────────────────────────────────────

  private fromClient(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    this.deps.metrics.messagesIn.inc();
    this.deps.metrics.bytesIn.inc(data.length);
    if (!this.rate.take()) return this.close(CLOSE.tooMany, 'message rate limit exceeded');
    if (!isBinary) return this.close(CLOSE.badMessage, 'text frames are not part of the protocol');
    let frame: ClientFrame;
    try {
      frame = parseClientFrame(data, { maxAwarenessBytes: this.deps.limits.maxAwarenessFrame });
    } catch (e) {
      if (e instanceof FrameTooLarge) return this.close(CLOSE.tooLarge, e.message);
      return this.close(CLOSE.badMessage, e instanceof BadFrame ? e.message : 'malformed message');
    }
    if (frame.kind === 'sync-update' && this.readOnly) return this.close(CLOSE.forbidden, 'read-only token cannot write');
    if (this.inbox.length >= MAX_HELD_FRAMES) return this.close(CLOSE.badMessage, 'too many updates waiting for their dependencies');
    this.inbox.push({ frame, raw: data });
    this.pump();
  }

  /**
   * Forwards every frame it can, in arrival order, and keeps back updates whose dependencies are
   * not in the document yet. Later frames may pass a held one: the dependencies often come later
   * on the same socket (y-websocket sends a local edit before its sync step 2 when both are
   * pending), and Yjs updates commute. Re-run on every document update; a frame held longer than
   * the timeout closes the socket.
   */
  private pump(): void {
    const doc = this.doc;
    if (!doc || this.closed) return;
    const stateOf = (client: number) => Y.getState(doc.store, client);
    const now = Date.now();
    for (let i = 0; i < this.inbox.length; ) {
      const held = this.inbox[i] as Held;
      const { frame } = held;
      // Read-only step 2 goes through unchecked: Hocuspocus never applies it, it only compares.
      const gated = (frame.kind === 'sync-step2' || frame.kind === 'sync-update') && !this.readOnly;
      if (gated && !dependenciesMet(frame.needs, stateOf)) {
        held.since ??= now;
        i++;
        continue;
      }
      this.inbox.splice(i, 1);
      if (frame.kind === 'query-awareness') this.answerAwarenessQuery(doc);
      else this.server.emit('message', this.prefixed(held.raw));
      if (this.closed) return;
    }
    if (this.depsTimer) clearTimeout(this.depsTimer);
    this.depsTimer = null;
    const oldest = this.inbox.reduce((m, h) => Math.min(m, h.since ?? Infinity), Infinity);
    if (oldest === Infinity) return;
    const due = oldest + this.deps.limits.depsTimeoutMs - now;
    if (due <= 0) return this.close(CLOSE.badMessage, 'update dependencies missing');
    this.depsTimer = setTimeout(() => {
      this.depsTimer = null;
      this.pump();
    }, due);
  }

  private prefixed(raw: Uint8Array): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.docName);
    encoding.writeUint8Array(e, raw);
    return encoding.toUint8Array(e);
  }

  /** Hocuspocus answers QueryAwareness only towards Redis; a y-websocket client gets it here. */
  private answerAwarenessQuery(doc: Document): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MSG_AWARENESS);
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(doc.awareness, [...doc.awareness.getStates().keys()]));
    this.toClient(encoding.toUint8Array(e));
  }

  // ── Hocuspocus → client ────────────────────────────────────────────────────────────────────

  fromServer(data: Uint8Array): void {
    if (this.closed) return;
    let d: decoding.Decoder;
    let type: number;
    try {
      d = decoding.createDecoder(data);
      if (decoding.readVarString(d) !== this.docName) return;
      type = decoding.readVarUint(d);
    } catch {
      return;
    }
    const rest = data.subarray(d.pos);
    switch (type) {
      case HP_SYNC:
      case HP_SYNC_REPLY:
        return this.toClient(withType(MSG_SYNC, rest));
      case HP_AWARENESS:
        return this.toClient(withType(MSG_AWARENESS, rest));
      case HP_AUTH: {
        if (decoding.readVarUint(d) !== AUTH_PERMISSION_DENIED) return; // "authenticated": wait for `connected`
        const reason = decoding.readVarString(d);
        if (reason === DOCUMENT_UNAVAILABLE) return this.close(CLOSE.unavailable, 'document unavailable: its stored copy could not be loaded');
        return this.close(CLOSE.forbidden, reason.slice(0, 100));
      }
      case HP_SYNC_STATUS:
        if (decoding.readVarUint(d) === 0) this.close(CLOSE.forbidden, 'read-only token cannot write');
        return;
      case HP_CLOSE:
        return this.close(CLOSE.internal, 'relay closed the document connection');
      default:
        return; // stateless messages: not part of y-websocket's protocol
    }
  }

  private toClient(bytes: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    // A client that does not read would make us buffer every update for it without bound.
    if (this.ws.bufferedAmount > 4 * this.deps.limits.maxSyncFrame) return this.close(CLOSE.tryLater, 'client is not reading fast enough');
    this.deps.metrics.bytesOut.inc(bytes.length);
    this.ws.send(bytes, { binary: true }, (err) => {
      if (err) this.detach(CLOSE.internal, 'send failed');
    });
  }

  /** Tells Hocuspocus the socket is gone (once), whoever closed it. */
  private detach(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.depsTimer) clearTimeout(this.depsTimer);
    this.inbox.length = 0;
    this.doc?.off('update', this.onDocUpdate);
    this.server.readyState = 3;
    this.server.emit('close', code, Buffer.from(reason));
    for (const fn of this.closeListeners) fn();
  }
}

function withType(type: number, rest: Uint8Array): Uint8Array {
  const out = new Uint8Array(rest.length + 1);
  out[0] = type; // 0 and 1 are single-byte varUints
  out.set(rest, 1);
  return out;
}

/** What Hocuspocus takes for a `ws` WebSocket: the handful of members it uses. */
class ServerSide extends EventEmitter {
  readyState = 1;
  binaryType = 'nodebuffer';

  constructor(private readonly bridge: Bridge) {
    super();
  }

  send(data: Uint8Array, cb?: (err?: Error) => void): void {
    if (this.readyState !== 1) return cb?.(new Error('socket closed'));
    this.bridge.fromServer(data);
    cb?.();
  }

  close(code?: number, reason?: string): void {
    this.bridge.close(code ?? CLOSE.internal, reason ?? 'relay closed the connection');
  }

  ping(): void {
    this.bridge.ping();
  }

  terminate(): void {
    this.close(CLOSE.internal, 'terminated');
  }
}

/**
 * The dependency check cannot see every way an update fails to integrate (two clients' items
 * naming each other as origin form a cycle that passes it), so each loaded document is also
 * watched: a transaction from a client connection that leaves NEW pending structs is undone as far
 * as pending goes (Yjs would otherwise keep them and hand them to every peer) and its socket is
 * closed. Pending state that was there before (from a load) is left as it was.
 */
function guardPending(doc: Y.Doc): void {
  let before: Pick<Y.Doc['store'], 'pendingStructs' | 'pendingDs'> | null = null;
  doc.on('beforeTransaction', () => {
    before = { pendingStructs: doc.store.pendingStructs, pendingDs: doc.store.pendingDs };
  });
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    const b = before;
    before = null;
    if (!b || (doc.store.pendingStructs === b.pendingStructs && doc.store.pendingDs === b.pendingDs)) return;
    const bridge = (tr.origin as { context?: { orchard?: Bridge } } | null)?.context?.orchard;
    if (!bridge) return; // Redis or load: not a client's doing
    doc.store.pendingStructs = b.pendingStructs;
    doc.store.pendingDs = b.pendingDs;
    bridge.close(CLOSE.badMessage, 'update dependencies missing');
  });
}

/** Hooks that tie Hocuspocus's connection lifecycle back to the bridge. */
export const bridgeExtension: Extension = {
  extensionName: 'orchard-bridge',
  async afterLoadDocument({ document }) {
    guardPending(document);
  },
  async onAuthenticate({ context, connectionConfig }) {
    const bridge = (context as { orchard?: Bridge }).orchard;
    if (!bridge) throw new Error('connection did not come through the bridge');
    connectionConfig.readOnly = bridge.readOnly;
  },
  async connected({ context, connection }) {
    (context as { orchard?: Bridge }).orchard?.connected(connection.document);
  },
};

