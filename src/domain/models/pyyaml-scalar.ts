// PyYAML's scalar decisions for safe_dump: how a value is represented (yaml/representer.py
// SafeRepresenter: null/bool/int, float repr with `.0` before an exponent, `.nan`/`.inf`,
// datetime isoformat, str with implicit-type check) and which styles the text allows
// (yaml/emitter.py `analyze_scalar`, block context, allow_unicode=False).
import { invalidParameter } from '../errors';
import { isoformat, PyFloat, pyFloatRepr } from './python-text';
import { resolvesAsNonString } from './pyyaml-load';

export interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
}

/** PyYAML's printable non-ASCII ranges: written raw with allow_unicode=True. */
export function printableUnicode(ch: string): boolean {
  return (ch >= '\xa0' && ch <= '\ud7ff') || (ch >= '\ue000' && ch <= '\ufffd' && ch !== '\ufeff') || (ch.codePointAt(0) ?? 0) >= 0x10000;
}

/**
 * analyze_scalar for block context. With allow_unicode=False (yaml.safe_dump's default, what
 * MLmodel files use) every non-ASCII character is special; with allow_unicode=True (MLflow's
 * write_yaml, the FileStore's meta.yaml) printable ones are not. (NEL, LS and PS stay special
 * here: PyYAML would single-quote them as line breaks; double quotes read back the same.)
 */
export function analyze(text: string, allowUnicode = false): Analysis {
  if (text === '') return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true };
  const chars = Array.from(text);
  const isSpace = (c: string | undefined) => c === undefined || '\0 \t\r\n\x85\u2028\u2029'.includes(c);
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let edgeSpaceOrBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((ch, i) => {
    const followed = isSpace(chars[i + 1]);
    const preceded = i === 0 || isSpace(chars[i - 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followed) blockIndicators = true;
    } else if ((ch === ':' && followed) || (ch === '#' && preceded)) blockIndicators = true;
    if (ch === '\n') lineBreaks = true;
    if (!(ch === '\n' || (ch >= ' ' && ch <= '~')) && !(allowUnicode && printableUnicode(ch) && !'\u2028\u2029'.includes(ch))) special = true;
    const last = i === chars.length - 1;
    if (ch === ' ') {
      if (i === 0 || last) edgeSpaceOrBreak = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (ch === '\n') {
      if (i === 0 || last) edgeSpaceOrBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
  });
  const noPlain = edgeSpaceOrBreak || breakSpace || spaceBreak || special || lineBreaks || blockIndicators;
  return { empty: false, multiline: lineBreaks, allowBlockPlain: !noPlain, allowSingleQuoted: !(breakSpace || spaceBreak || special) };
}

export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export type Scalar = { text: string; implicitPlain: boolean };

export function representScalar(value: unknown, where: string): Scalar | undefined {
  if (value === null) return { text: 'null', implicitPlain: true };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', implicitPlain: true };
  if (typeof value === 'bigint') return { text: String(value), implicitPlain: true };
  if (typeof value === 'number' || value instanceof PyFloat) {
    const n = typeof value === 'number' ? value : value.value;
    if (typeof value === 'number' && Number.isSafeInteger(n) && !Object.is(n, -0)) return { text: String(n), implicitPlain: true };
    if (Number.isNaN(n)) return { text: '.nan', implicitPlain: true };
    if (!Number.isFinite(n)) return { text: n > 0 ? '.inf' : '-.inf', implicitPlain: true };
    const repr = pyFloatRepr(n).toLowerCase();
    return { text: !repr.includes('.') && repr.includes('e') ? repr.replace('e', '.0e') : repr, implicitPlain: true };
  }
  if (value instanceof Date) {
    const midnight = value.getTime() % 86_400_000 === 0;
    return { text: midnight ? value.toISOString().slice(0, 10) : isoformat(value, ' '), implicitPlain: true };
  }
  if (typeof value === 'string') return { text: value, implicitPlain: !resolvesAsNonString(value) };
  if (Array.isArray(value) || (typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value)))) return undefined;
  throw invalidParameter(`Cannot write ${where} to YAML: ${Object.prototype.toString.call(value)} is not plain data.`);
}
