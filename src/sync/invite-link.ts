// Invite links: `<app origin>/join#relay=<relay url>&token=<token>`. Both travel in the fragment,
// which browsers never send to any server, so the token reaches only the person who opens the
// link (not the app's host, its logs, or a proxy).
import { readTokenClaims, type TokenClaims } from '../domain/sync/token';
import { normalizeRelayUrl } from './transport/relay-url';

export interface Invite {
  relayUrl: string;
  token: string;
  /** what the token says (unverified: only the relay can check it) */
  claims: TokenClaims;
}

export function formatInviteLink(appOrigin: string, relayUrl: string, token: string): string {
  const fragment = new URLSearchParams({ relay: normalizeRelayUrl(relayUrl), token });
  return `${appOrigin.replace(/\/+$/, '')}/join#${fragment.toString()}`;
}

/** Reads an invite link (or just its fragment); throws an Error saying what is wrong with it. */
export function parseInviteLink(link: string): Invite {
  const trimmed = link.trim();
  const hashAt = trimmed.indexOf('#');
  const fragment = hashAt >= 0 ? trimmed.slice(hashAt + 1) : trimmed;
  const params = new URLSearchParams(fragment);
  const relay = params.get('relay');
  const token = params.get('token');
  if (!relay || !token) throw new Error('This is not an Orchard invite link: it needs #relay=...&token=... (copy the whole link).');
  const claims = readTokenClaims(token);
  if (!claims) throw new Error('The invite link\'s token is damaged (was the link cut short when copying?).');
  return { relayUrl: normalizeRelayUrl(relay), token, claims };
}
