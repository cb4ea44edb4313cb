// Relay access tokens: `orc1.<base64url(JSON payload)>.<base64url(HMAC-SHA256)>` (docs/sync-design.md).
// Pure: WebCrypto only (`crypto.subtle`, global in Node 20 and in browsers), so the relay mints and
// checks them and the app reads their claims (workspace, role, expiry) to show them, with one codec.
// The MAC covers `orc1.<payload>` so the version prefix cannot be swapped.

export type TokenRole = 'read-write' | 'read-only';

/** What a token says. Times are epoch milliseconds (the wire payload carries seconds). */
export interface TokenClaims {
  workspace: string;
  role: TokenRole;
  issuedAt: number;
  expiresAt: number;
  nonce: string;
}

export type TokenFailure = 'malformed' | 'bad-signature' | 'expired';
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: TokenFailure };

export interface SignOptions {
  workspace: string;
  role: TokenRole;
  ttlSeconds: number;
  /** Epoch ms; defaults to Date.now(). */
  now?: number;
}

const PREFIX = 'orc1';
const WORKSPACE_RE = /^[0-9a-f]{32}$/;
/** Ten years: anything longer is a mistake, not a policy. */
export const MAX_TOKEN_TTL_SECONDS = 10 * 365 * 24 * 3600;
/** Tokens travel in URLs; a cap keeps garbage from costing a base64 decode of megabytes. */
const MAX_TOKEN_LENGTH = 2048;
const MIN_SECRET_LENGTH = 16;

export const isWorkspaceId = (w: unknown): w is string => typeof w === 'string' && WORKSPACE_RE.test(w);

export async function signToken(secret: string, opts: SignOptions): Promise<string> {
  if (!isWorkspaceId(opts.workspace)) throw new RangeError('workspace must be 32 lowercase hex characters');
  if (opts.role !== 'read-write' && opts.role !== 'read-only') throw new RangeError(`unknown role ${String(opts.role)}`);
  if (!Number.isInteger(opts.ttlSeconds) || opts.ttlSeconds <= 0 || opts.ttlSeconds > MAX_TOKEN_TTL_SECONDS) {
    throw new RangeError(`ttlSeconds must be an integer in 1..${MAX_TOKEN_TTL_SECONDS}`);
  }
  const iat = Math.floor((opts.now ?? Date.now()) / 1000);
  const payload = { w: opts.workspace, r: opts.role === 'read-write' ? 'rw' : 'ro', iat, exp: iat + opts.ttlSeconds, n: randomNonce() };
  const head = `${PREFIX}.${encodeB64url(new TextEncoder().encode(JSON.stringify(payload)))}`;
  const mac = await hmac(secret, head);
  return `${head}.${encodeB64url(mac)}`;
}

/** Checks the MAC first (so a forged payload is never parsed as trusted), then the expiry. */
export async function verifyToken(secret: string, token: string, now: number = Date.now()): Promise<TokenCheck> {
  const parts = splitToken(token);
  if (!parts) return { ok: false, reason: 'malformed' };
  const given = decodeB64url(parts.mac);
  if (!given) return { ok: false, reason: 'malformed' };
  const expected = await hmac(secret, `${PREFIX}.${parts.payload}`);
  if (!constantTimeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  const claims = parseClaims(parts.payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** Claims WITHOUT checking the signature: for display in the client only, never for access decisions. */
export function readTokenClaims(token: string): TokenClaims | null {
  const parts = splitToken(token);
  return parts ? parseClaims(parts.payload) : null;
}

function splitToken(token: string): { payload: string; mac: string } | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const [, payload, mac] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(mac)) return null;
  return { payload, mac };
}

function parseClaims(payloadB64: string): TokenClaims | null {
  const bytes = decodeB64url(payloadB64);
  if (!bytes) return null;
  let p: unknown;
  try {
    p = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof p !== 'object' || p === null) return null;
  const { w, r, iat, exp, n } = p as Record<string, unknown>;
  if (!isWorkspaceId(w) || (r !== 'rw' && r !== 'ro') || typeof n !== 'string') return null;
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp) || (exp as number) <= (iat as number)) return null;
  return { workspace: w, role: r === 'rw' ? 'read-write' : 'read-only', issuedAt: (iat as number) * 1000, expiresAt: (exp as number) * 1000, nonce: n };
}

/** XOR-accumulate over the whole length: the time taken does not depend on where bytes differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false; // the MAC length is public
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

// importKey is the slow part of an HMAC; a relay verifies with one secret all day.
const keyCache = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    return Promise.reject(new RangeError(`secret must be at least ${MIN_SECRET_LENGTH} characters`));
  }
  let key = keyCache.get(secret);
  if (!key) {
    if (keyCache.size >= 8) keyCache.clear();
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keyCache.set(secret, key);
  }
  return key;
}

async function hmac(secret: string, data: string): Promise<Uint8Array> {
  const sig = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(data));
  return new Uint8Array(sig);
}

function randomNonce(): string {
  return encodeB64url(crypto.getRandomValues(new Uint8Array(9)));
}

export function encodeB64url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i] as number);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeB64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
