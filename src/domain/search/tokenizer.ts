// Lexer for MLflow's search filter / order_by strings. MLflow feeds these to sqlparse
// (mlflow/utils/search_utils.py); this reproduces the sqlparse lexing rules that matter to its
// observable behaviour (quote forms, dotted names, number shapes, `[<>=~!]+` comparators) without
// sqlparse's grouping machinery, which the recursive-descent parser replaces.

import { invalidParameter, type ErrorLocation, type MlflowError } from '../errors';

export type TokenKind =
  | 'ident' // bare / backticked / double-quoted name, possibly dotted: metrics.`val acc`
  | 'string' // single-quoted literal
  | 'number'
  | 'op' // a run of <>=~! characters, validated later ("==" and "<>" are lexed, then rejected)
  | 'keyword' // AND OR NOT IN IS NULL LIKE ILIKE TRUE FALSE (any case)
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'semicolon'
  | 'bad' // anything sqlparse would not turn into a comparison (`+`, `0x1F`, `--`, unclosed quote)
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Exactly as typed. */
  text: string;
  start: number;
  end: number;
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS',
  'NULL',
  'LIKE',
  'ILIKE',
  'TRUE',
  'FALSE',
]);

// sqlparse's literal regexes. A doubled quote or a backslash-escaped quote does not end the
// literal, but neither is unescaped afterwards (MLflow only trims the outer quotes).
const SINGLE_QUOTED = /'(?:''|\\'|[^'])*'/y;
const DOUBLE_QUOTED = /"(?:""|\\"|[^"])*"/y;
const BACKTICKED = /`(?:``|[^`])*`/y;
// Number shapes sqlparse types as Integer/Float: `-5`, `.5`, `5.`, `1e-3`. A trailing letter or
// underscore makes it something else (`1abc`, `0x1F`). We also accept `1e+5` and `1E5`; sqlparse
// rejects `1e+5`, but accepting it lets every JS number print back to a parseable literal.
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?![\p{L}\p{N}_$])/uy;
// sqlparse's exponent form has no such lookahead: `1e3AND` is the number 1e3, then AND.
const EXP_NUMBER = /-?\d+(?:\.\d+)?[eE][+-]?\d+/y;
const WORD = /[\p{L}_][\p{L}\p{N}_]*/uy;
const SEGMENT = /[\p{L}\p{N}_]+/uy;
const BAD_WORD = /[\p{L}\p{N}_$#@]+/uy;
const OPERATOR = /[<>=~!]+/y;
const SPACE = /\s+/uy;

function matchAt(re: RegExp, input: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(input);
  return m ? m[0] : null;
}

export const locationOf = (token: Token): ErrorLocation => ({
  token: token.text,
  start: token.start,
  end: token.end,
});

/** INVALID_PARAMETER_VALUE pointing at `token`. */
export const syntaxError = (message: string, token: Token): MlflowError =>
  invalidParameter(message, locationOf(token));

/** Reads one dotted-name part starting at pos: a bare segment or a quoted one. */
function readPart(input: string, pos: number, first: boolean): string | null {
  const ch = input[pos];
  if (ch === '`') return matchAt(BACKTICKED, input, pos);
  if (ch === '"') return matchAt(DOUBLE_QUOTED, input, pos);
  // Single-quoted key parts (`tags.'a b'`) only after a dot: in front they are string literals.
  if (ch === "'" && !first) return matchAt(SINGLE_QUOTED, input, pos);
  return matchAt(first ? WORD : SEGMENT, input, pos);
}

/**
 * Extends a name across `.part` continuations: tags.mlflow.source.type, metrics."a b".
 * Returns the end of the name and, if a quoted part after a dot is never closed, where it starts.
 */
function readDotted(input: string, start: number, firstLength: number): { end: number; unclosed?: number } {
  let pos = start + firstLength;
  while (input[pos] === '.') {
    const part = readPart(input, pos + 1, false);
    if (part === null) {
      const q = input[pos + 1];
      return q === '`' || q === '"' || q === "'" ? { end: pos, unclosed: pos + 1 } : { end: pos };
    }
    pos += 1 + part.length;
  }
  return { end: pos };
}

/** Splits input into tokens; whitespace is dropped. Never throws: bad input yields 'bad' tokens. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const push = (kind: TokenKind, end: number): void => {
    tokens.push({ kind, text: input.slice(pos, end), start: pos, end });
    pos = end;
  };
  const pushName = (firstLength: number): void => {
    const { end, unclosed } = readDotted(input, pos, firstLength);
    push('ident', end);
    if (unclosed !== undefined) {
      pos = unclosed; // the dot before an unclosed quote belongs to neither token
      push('bad', input.length);
    }
  };
  while (pos < input.length) {
    const space = matchAt(SPACE, input, pos);
    if (space !== null) {
      pos += space.length;
      continue;
    }
    const ch = input[pos] ?? '';
    if (ch === "'") {
      const lit = matchAt(SINGLE_QUOTED, input, pos);
      push(lit === null ? 'bad' : 'string', lit === null ? input.length : pos + lit.length);
      continue;
    }
    if (ch === '"' || ch === '`') {
      const part = readPart(input, pos, true);
      if (part === null) push('bad', input.length);
      else pushName(part.length);
      continue;
    }
    if (ch === '-' && input[pos + 1] === '-') {
      push('bad', input.length); // SQL comment: sqlparse keeps it as a non-comparison token
      continue;
    }
    const num = matchAt(EXP_NUMBER, input, pos) ?? matchAt(NUMBER, input, pos);
    if (num !== null) {
      push('number', pos + num.length);
      continue;
    }
    const word = matchAt(WORD, input, pos);
    if (word !== null) {
      const end = pos + word.length;
      // A keyword followed by a dot is a name (sqlparse: `Name(?=\s*\.)`), e.g. `in.x`.
      const isName = input[end] === '.' || !KEYWORDS.has(word.toUpperCase());
      if (isName) pushName(word.length);
      else push('keyword', end);
      continue;
    }
    const op = matchAt(OPERATOR, input, pos);
    if (op !== null) {
      push('op', pos + op.length);
      continue;
    }
    if (ch === '(') push('lparen', pos + 1);
    else if (ch === ')') push('rparen', pos + 1);
    else if (ch === ',') push('comma', pos + 1);
    else if (ch === ';') push('semicolon', pos + 1);
    else {
      const bad = matchAt(BAD_WORD, input, pos);
      // Advance by a whole code point so a lone astral character is reported intact.
      const cp = input.codePointAt(pos) ?? 0;
      push('bad', pos + (bad?.length ?? (cp > 0xffff ? 2 : 1)));
    }
  }
  tokens.push({ kind: 'eof', text: '', start: input.length, end: input.length });
  return tokens;
}

/** The text of a single-quoted or double-quoted literal without its outer quotes. */
export const unquote = (text: string): string => text.slice(1, -1);
