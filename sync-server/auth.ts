// Who may talk to the relay: Host and Origin header checks and token checks, shared by the
// WebSocket upgrade and the HTTP API. Runs before anything touches Hocuspocus or the disk.
import type { IncomingMessage } from 'node:http';
import { type TokenClaims, verifyToken } from '../src/domain/sync/token';

export type Denial = { code: 4401 | 4403; status: 401 | 403; reason: string };
export type AuthResult = { ok: true; claims: TokenClaims } | ({ ok: false } & Denial);

export const unauthorized = (reason: string): Denial => ({ code: 4401, status: 401, reason });
export const forbidden = (reason: string): Denial => ({ code: 4403, status: 403, reason });

/** Token → claims for `workspace`; the reasons are the ones clients show (no detail beyond them). */
export async function authenticate(secret: string, token: string | null | undefined, workspace: string): Promise<AuthResult> {
  if (!token) return { ok: false, ...unauthorized('token required') };
  const check = await verifyToken(secret, token);
  if (!check.ok) return { ok: false, ...unauthorized(check.reason === 'expired' ? 'token expired' : 'invalid token') };
  if (check.claims.workspace !== workspace) return { ok: false, ...forbidden('token is for another workspace') };
  return { ok: true, claims: check.claims };
}

export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? (m[1] as string) : null;
}

/** Hostname (lowercase, IPv6 in brackets) and port of a Host header or URL host. */
function splitHost(hostHeader: string): { name: string; port: string } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(hostHeader.trim());
  return m ? { name: (m[1] as string).toLowerCase(), port: m[2] ?? '' } : null;
}

export function hostAllowed(hostHeader: string | undefined, allowed: string[]): boolean {
  if (allowed.includes('*')) return true;
  const h = hostHeader ? splitHost(hostHeader) : null;
  if (!h) return false;
  return allowed.some((a) => {
    const x = splitHost(a);
    return !!x && x.name === h.name && (x.port === '' || x.port === h.port);
  });
}

/**
 * Browsers always send Origin on WebSocket upgrades and cross-origin fetches; other clients
 * (Node, curl) usually do not and are judged by their token alone. Allowed: the relay's own
 * origin (same Host), exact origins, `scheme://host:*` patterns, or `*`.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined, allowed: string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*')) return true;
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null"
  }
  if (hostHeader && u.host === hostHeader.toLowerCase()) return true;
  const normalized = `${u.protocol}//${u.host}`;
  return allowed.some((a) => {
    if (a.endsWith(':*')) return `${u.protocol}//${u.hostname}` === a.slice(0, -2).toLowerCase();
    return normalized === a.toLowerCase().replace(/\/$/, '');
  });
}
