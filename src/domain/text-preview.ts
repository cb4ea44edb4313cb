// Turning the first bytes of an artifact into text to show: decoding a prefix that may end in the
// middle of a character or a line, and pretty-printing JSON.

/**
 * Decodes UTF-8 (invalid bytes become U+FFFD, a leading BOM is dropped). When `partial` (the
 * bytes are only the start of the file) a character cut at the end is dropped, and so is the cut
 * last line, so the preview ends on a whole line; a file that is one giant line keeps its prefix.
 * @example decodeTextPrefix(new TextEncoder().encode('a\nbc'), true) // 'a\n'
 */
export function decodeTextPrefix(bytes: Uint8Array, partial: boolean): string {
  // stream: true holds back an incomplete multi-byte sequence instead of emitting U+FFFD for it.
  const text = new TextDecoder('utf-8').decode(bytes, { stream: partial });
  if (!partial) return text;
  const lastNewline = text.lastIndexOf('\n');
  return lastNewline > 0 ? text.slice(0, lastNewline + 1) : text;
}

export type PrettyJson = { ok: true; text: string } | { ok: false; error: string };

/**
 * JSON re-indented with two spaces, or the parser's complaint (Python's json.dumps writes NaN and
 * Infinity, which are not JSON: such files are shown raw with the error).
 * @example prettyJson('{"a":[1,2]}') // { ok: true, text: '{\n  "a": [\n    1,\n    2\n  ]\n}' }
 */
export function prettyJson(text: string): PrettyJson {
  try {
    return { ok: true, text: JSON.stringify(JSON.parse(text), null, 2) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
