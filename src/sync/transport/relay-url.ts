// Relay addresses. Users type or paste a relay URL in many shapes (with or without a trailing
// slash, ws:// or http://); everything here works from one normal form, the HTTP base URL, and
// derives the WebSocket endpoint from it, so the two can never point at different hosts.

/** `https://relay.example:1234/prefix` from anything a user may paste; throws a readable error. */
export function normalizeRelayUrl(input: string): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`"${trimmed}" is not a relay URL: expected something like https://relay.example.org`);
  }
  const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[url.protocol];
  if (!scheme) throw new Error(`A relay URL must start with http(s):// or ws(s)://, got "${url.protocol}"`);
  if (url.search || url.hash) throw new Error('A relay URL has no query or fragment; paste the invite link into "Join" instead');
  const path = url.pathname.replace(/\/+$/, '');
  return `${scheme}//${url.host}${path}`;
}

/** The y-websocket server URL (the provider appends `/<room>?token=...`). */
export function syncSocketUrl(relayUrl: string): string {
  return `${normalizeRelayUrl(relayUrl).replace(/^http/, 'ws')}/sync`;
}

/** An HTTP endpoint of the relay; `segments` are URL-encoded one by one, slashes between them. */
export function relayEndpoint(relayUrl: string, ...segments: string[]): string {
  return `${normalizeRelayUrl(relayUrl)}/${segments.map(encodeURIComponent).join('/')}`;
}
