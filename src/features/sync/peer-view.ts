// What another peer is looking at, and where an activity line points. Both come from other
// peers, so anything can be in them: only plain app paths ("/runs/abc") become links, never a
// scheme ("javascript:") or another host ("//evil.example"). Pure.

/** `path` when it is a path inside this app, else undefined. */
export function safeAppPath(path: string | null | undefined): string | undefined {
  if (typeof path !== 'string' || path.length > 2000) return undefined;
  return /^\/(?![/\\])[^\s\\]*$/.test(path) ? path : undefined;
}

/** A path in words: "run 3f2a9c1e", "experiment 12", "model iris", "the sync page". */
export function viewLabel(path: string | null | undefined): string {
  const safe = safeAppPath(path);
  if (!safe) return 'somewhere in Orchard';
  const [first, second] = (safe.split(/[?#]/)[0] ?? '').split('/').slice(1).map(decodeSegment);
  switch (first) {
    case 'runs':
      return second ? `run ${second.slice(0, 8)}` : 'runs';
    case 'experiments':
      return second ? `experiment ${second}` : 'experiments';
    case 'models':
      return second ? `model ${second}` : 'the model registry';
    case 'compare':
      return 'a run comparison';
    case 'sync':
      return 'the sync page';
    case 'settings':
      return 'settings';
    default:
      return safe;
  }
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Up to two initials of a display name ("Ada Lovelace" -> "AL"), "?" when there are none. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  const out = letters.map((w) => Array.from(w ?? '')[0] ?? '').join('').toUpperCase();
  return out || '?';
}
