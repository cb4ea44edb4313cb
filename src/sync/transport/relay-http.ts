// The relay's HTTP API (docs/sync-design.md, "Relay contract"), one method per endpoint. Every
// failure becomes a RelayHttpError naming the endpoint and the relay's own message, so the status
// line can say what went wrong; `status` 0 means the relay could not be reached at all.
import { relayEndpoint } from './relay-url';

export class RelayHttpError extends Error {
  constructor(
    /** HTTP status, or 0 when the request never got an answer (offline, relay down, CORS) */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RelayHttpError';
  }

  /** the relay refused the token (missing, invalid, expired, other workspace, read-only) */
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export interface RoomCreated {
  workspace: string;
  token: string;
  expiresAt: number;
}

export interface InviteCreated {
  token: string;
  expiresAt: number;
}

export type InviteRole = 'read-write' | 'read-only';

export interface Progress {
  loaded: number;
  /** expected bytes (Content-Length, else the size the caller knew), 0 when unknown */
  total: number;
}

type FetchFn = typeof fetch;

export class RelayHttp {
  constructor(
    readonly relayUrl: string,
    private readonly token?: string,
    private readonly fetchFn: FetchFn = (input, init) => globalThis.fetch(input, init),
  ) {}

  createRoom(workspace?: string): Promise<RoomCreated> {
    return this.json<RoomCreated>('POST', ['api', 'rooms'], workspace === undefined ? {} : { workspace });
  }

  createInvite(role: InviteRole, ttlSeconds?: number): Promise<InviteCreated> {
    return this.json<InviteCreated>('POST', ['api', 'invites'], ttlSeconds === undefined ? { role } : { role, ttlSeconds });
  }

  /** The state vector of what the relay has durably stored of `doc`. */
  async storedStateVector(doc: string): Promise<Uint8Array> {
    const { stateVector } = await this.json<{ stateVector: string }>('GET', ['api', 'stored', ...doc.split('/')]);
    return base64ToBytes(stateVector);
  }

  /** Which of `hashes` the relay does not have. */
  async missingBlobs(workspace: string, hashes: readonly string[]): Promise<string[]> {
    if (hashes.length === 0) return [];
    const { missing } = await this.json<{ missing: string[] }>('POST', ['blobs', workspace, 'missing'], { hashes });
    return missing;
  }

  async putBlob(workspace: string, sha256: string, body: Blob | Uint8Array<ArrayBuffer>): Promise<void> {
    const res = await this.request('PUT', ['blobs', workspace, sha256], body, 'application/octet-stream');
    await this.ok(res, `upload blob ${sha256.slice(0, 12)}`);
  }

  /** Downloads a blob, reporting progress as bytes stream in. */
  async getBlob(workspace: string, sha256: string, options: { expectedSize?: number; onProgress?: (p: Progress) => void; signal?: AbortSignal } = {}): Promise<Uint8Array<ArrayBuffer>> {
    const res = await this.request('GET', ['blobs', workspace, sha256], undefined, undefined, options.signal);
    await this.ok(res, `download blob ${sha256.slice(0, 12)}`);
    const total = Number(res.headers.get('content-length')) || options.expectedSize || 0;
    const report = options.onProgress ?? (() => undefined);
    if (!res.body) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      report({ loaded: bytes.byteLength, total: total || bytes.byteLength });
      return bytes;
    }
    const reader = res.body.getReader();
    const parts: Uint8Array[] = [];
    let loaded = 0;
    report({ loaded, total });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      loaded += value.byteLength;
      report({ loaded, total });
    }
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.byteLength;
    }
    return bytes;
  }

  private async json<T>(method: string, segments: string[], body?: unknown): Promise<T> {
    const res = await this.request(method, segments, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    await this.ok(res, `${method} /${segments.slice(0, 2).join('/')}`);
    try {
      return (await res.json()) as T;
    } catch {
      throw new RelayHttpError(res.status, `The relay's answer to ${method} /${segments.slice(0, 2).join('/')} is not JSON.`);
    }
  }

  private async request(method: string, segments: string[], body?: BodyInit, contentType?: string, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (contentType && body !== undefined) headers['content-type'] = contentType;
    try {
      return await this.fetchFn(relayEndpoint(this.relayUrl, ...segments), { method, headers, body, signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new RelayHttpError(0, `Cannot reach the relay at ${this.relayUrl} (${e instanceof Error ? e.message : String(e)}).`);
    }
  }

  private async ok(res: Response, what: string): Promise<void> {
    if (res.ok) return;
    let detail = '';
    try {
      const text = await res.text();
      try {
        const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
        detail = String(parsed.error ?? parsed.message ?? text);
      } catch {
        detail = text;
      }
    } catch {
      detail = res.statusText;
    }
    throw new RelayHttpError(res.status, `The relay refused to ${what}: ${res.status}${detail ? ` ${detail.slice(0, 300)}` : ''}`);
  }
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
