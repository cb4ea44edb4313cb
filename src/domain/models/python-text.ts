// How Python prints values, so MLflow's messages and files come out byte-identical: repr() of
// str / list / tuple (CPython Objects/unicodeobject.c unicode_repr), float repr (the 'short'
// float_repr_style: shortest digits, exponent outside 1e-4 <= |x| < 1e16) and json.dumps
// (Lib/json/encoder.py: ", " / ": " separators, ensure_ascii, NaN tokens, indent).

/** A number that Python holds as a float, so it prints as `1.0`, not `1`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** `repr(x)` for a Python float. @example pyFloatRepr(1e-5) // '1e-05' */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    return `${sign}${whole}.${digits.slice(exp + 1) || '0'}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** str.isprintable() is false for other (C*) and separator (Z*) characters, the space aside. */
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

/** `repr(s)` for a Python str: single quotes unless the text has ' and no ". */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) out += code <= 0xff ? `\\x${hex(code, 2)}` : code <= 0xffff ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's repr() of a JSON-like value: str/int/float/bool/None, lists, tuples (`[1]` as `(1,)` when asked). */
export function pyRepr(value: unknown, options: { tuple?: boolean } = {}): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return pyStrRepr(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return String(value);
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 53 ? String(value) : pyFloatRepr(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => pyRepr(v));
    if (options.tuple) return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    return `[${items.join(', ')}]`;
  }
  if (value instanceof Date) return `datetime.datetime(${value.toISOString()})`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${pyStrRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** Python's str(): like repr but strings print bare. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** A shape as Python prints a tuple: `(-1, 4)`, `(3,)`, `()`. */
export function pyShape(shape: readonly number[]): string {
  return pyRepr([...shape], { tuple: true });
}

/** Python's type(x).__name__ for a JSON-like value. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (value instanceof PyFloat) return 'float';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Date) return 'datetime';
  return 'dict';
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const ch = s[i] ?? '';
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code === 0x08) out += '\\b';
    else if (code === 0x0c) out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${hex(code, 4)}`;
    else out += ch;
  }
  return `${out}"`;
}

function jsonNumber(x: number, isFloat: boolean): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  // Integral doubles past 2^53 can only have come from a Python float.
  if (!isFloat && Number.isInteger(x) && Math.abs(x) < 2 ** 53 && !Object.is(x, -0)) return String(x);
  return pyFloatRepr(x);
}

/**
 * `json.dumps(value)` (or `indent=n`) byte for byte. Wrap floats that happen to be integral in
 * PyFloat; Uint8Array becomes base64 and Date an ISO string, as MLflow's NumpyEncoder writes them.
 * @example pythonJson([{ type: 'double', default: new PyFloat(1) }]) // '[{"type": "double", "default": 1.0}]'
 */
export function pythonJson(value: unknown, indent?: number, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return jsonNumber(value, false);
  if (value instanceof PyFloat) return jsonNumber(value.value, true);
  if (value instanceof Uint8Array) return jsonString(base64(value));
  if (value instanceof Date) return jsonString(isoformat(value));
  const nl = indent === undefined ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
  const close = indent === undefined ? '' : `\n${' '.repeat(indent * depth)}`;
  const sep = indent === undefined ? ', ' : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => nl + pythonJson(v, indent, depth + 1)).join(sep)}${close}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{${entries.map(([k, v]) => `${nl}${jsonString(k)}: ${pythonJson(v, indent, depth + 1)}`).join(sep)}${close}}`;
}

/** Python's base64.b64encode(...).decode(). */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** datetime.isoformat() of a naive UTC datetime: microseconds only when non-zero. */
export function isoformat(date: Date, separator = 'T'): string {
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  return `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}${ms === 0 ? '' : `.${String(ms * 1000).padStart(6, '0')}`}`;
}
