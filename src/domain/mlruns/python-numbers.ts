// Python's int() and float() on ASCII bytes, as MLflow's FileStore reads metric lines: decimal
// integers with a sign; decimal or scientific floats, nan, inf and infinity in any case. Correct
// rounding: Clinger's fast path (an integer mantissa up to 2^53 times or divided by an exact power
// of ten up to 1e22 is one correctly rounded IEEE operation), else Number() on the text.

export const TWO_53 = 9007199254740992;
/** exact powers of ten: every 10^k with k <= 22 is a double without rounding */
export const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const SPECIAL_TEXT = /^([+-]?)(nan|inf|infinity)$/i;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Set by the readers when the text is not a number (instead of a wrapper object per field). */
export const numberRead = { invalid: false };

/** Python int(): optional sign, decimal digits. Sets `invalid` on anything else. */
export function readPythonInt(b: Uint8Array, s: number, e: number): number {
  let neg = false;
  if (b[s] === 45 || b[s] === 43) {
    neg = b[s] === 45;
    s++;
  }
  if (s >= e) {
    numberRead.invalid = true;
    return 0;
  }
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = b[i] as number;
    if (!isDigit(c)) {
      numberRead.invalid = true;
      return 0;
    }
    n = n * 10 + (c - 48);
  }
  return neg ? -n : n;
}

/** The field as text for a message (at most 80 characters). */
export function asciiText(b: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e && i < s + 80; i++) out += String.fromCharCode(b[i] as number);
  return out;
}

/** Python float() on what MLflow writes: decimal and scientific notation, nan, inf, -inf. */
export function readPythonFloat(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (b[i] === 45 || b[i] === 43) {
    neg = b[i] === 45;
    i++;
  }
  let mantissa = 0;
  let exp10 = 0;
  let digits = 0;
  let exact = true;
  for (; i < e && isDigit(b[i] as number); i++, digits++) {
    const next = mantissa * 10 + ((b[i] as number) - 48);
    if (next > TWO_53) exact = false;
    else mantissa = next;
  }
  if (i < e && b[i] === 46) {
    for (i++; i < e && isDigit(b[i] as number); i++, digits++) {
      const next = mantissa * 10 + ((b[i] as number) - 48);
      if (next > TWO_53) exact = false;
      else if (exact) {
        mantissa = next;
        exp10--;
      }
    }
  }
  if (digits === 0) return special(b, s, e);
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    i++;
    let expNeg = false;
    if (b[i] === 45 || b[i] === 43) {
      expNeg = b[i] === 45;
      i++;
    }
    let x = 0;
    const from = i;
    for (; i < e && isDigit(b[i] as number); i++) x = x * 10 + ((b[i] as number) - 48);
    if (i === from) return bad();
    exp10 += expNeg ? -x : x;
  }
  if (i !== e) return bad();
  // The text is a valid decimal number; only its rounding is left.
  if (exact && exp10 === 0) return neg ? -mantissa : mantissa;
  if (exact && exp10 > 0 && exp10 <= 22) return (neg ? -mantissa : mantissa) * (POW10[exp10] as number);
  if (exact && exp10 < 0 && exp10 >= -22) return (neg ? -mantissa : mantissa) / (POW10[-exp10] as number);
  return Number(fullText(b, s, e));
}

function bad(): number {
  numberRead.invalid = true;
  return 0;
}

function fullText(b: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i] as number);
  return out;
}

function special(b: Uint8Array, s: number, e: number): number {
  const m = e - s <= 9 ? SPECIAL_TEXT.exec(fullText(b, s, e)) : null;
  if (!m) return bad();
  if ((m[2] as string).toLowerCase() === 'nan') return NaN;
  return m[1] === '-' ? -Infinity : Infinity;
}

