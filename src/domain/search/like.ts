// SQL LIKE / ILIKE matching (SearchUtils._like/_ilike in mlflow/utils/search_utils.py and the SQL
// store's column.like/ilike). `%` matches any run of characters (newlines included, as in SQL),
// `_` exactly one character, and the pattern is anchored at both ends.
//
// Every other character is literal: this is the SQL store's behaviour. MLflow's file store instead
// pastes the pattern into a Python regex WITHOUT escaping, so there `.` matches any character and
// `+` / `(` change the meaning; we deliberately follow the SQL store. There is no escape character
// (SQLite's default), so `\%` is a backslash followed by a wildcard.

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '^';
  for (const ch of pattern) {
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(REGEX_SYNTAX, '\\$&');
  }
  source += '$';
  // 'u' makes `_` match one code point (not half a surrogate pair) and gives Unicode case folding.
  return new RegExp(source, caseInsensitive ? 'iu' : 'u');
}

/** A compiled LIKE (case-sensitive) or ILIKE (case-insensitive) test. */
export function likeMatcher(pattern: string, caseInsensitive: boolean): (value: string) => boolean {
  if (!caseInsensitive && !pattern.includes('%') && !pattern.includes('_')) {
    return (value) => value === pattern; // no wildcard: plain equality, the common fast path
  }
  const re = likeToRegExp(pattern, caseInsensitive);
  return (value) => re.test(value);
}
