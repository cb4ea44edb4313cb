// MLflow's offset page tokens: SearchUtils.create_page_token / parse_start_offset_from_page_token
// in mlflow/utils/search_utils.py. The token is base64 of Python's json.dumps({"offset": N}),
// i.e. `{"offset": N}` with a space, so tokens are byte-identical to MLflow's.

import { invalidParameter } from '../errors';

export function encodePageToken(offset: number): string {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw invalidParameter(`Invalid page token offset ${offset}`);
  }
  return btoa(`{"offset": ${offset}}`);
}

const BASE64_CHARS = /[^A-Za-z0-9+/=]/g;

function base64Decode(token: string): string {
  // Python's b64decode drops characters outside the alphabet, then insists on correct padding.
  const cleaned = token.replace(BASE64_CHARS, '');
  if (cleaned.length % 4 !== 0) throw invalidParameter('Invalid page token, could not base64-decode');
  try {
    const binary = atob(cleaned);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidParameter('Invalid page token, could not base64-decode');
  }
}

/** Start offset encoded in a page token; a missing or empty token means 0. */
export function decodePageToken(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  const decoded = base64Decode(token);
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    throw invalidParameter(`Invalid page token, decoded value=${decoded}`);
  }
  const offset: unknown =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? Object.getOwnPropertyDescriptor(parsed, 'offset')?.value
      : undefined;
  // MLflow rejects a missing or falsy offset, so {"offset": 0} is invalid too.
  if (offset === undefined || offset === null || offset === 0 || offset === '' || offset === false) {
    throw invalidParameter(`Invalid page token, parsed value=${decoded}`);
  }
  if (typeof offset === 'number' && Number.isFinite(offset) && offset > 0) return Math.trunc(offset);
  if (typeof offset === 'string' && /^\s*\+?\d+\s*$/.test(offset)) {
    const n = Number(offset.trim());
    if (Number.isSafeInteger(n) && n > 0) return n;
  }
  throw invalidParameter(`Invalid page token, not stringable ${String(offset)}`);
}
