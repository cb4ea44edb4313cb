// A metric file of a FileStore run: one `<timestamp> <value> <step>\n` line per point, in logging
// order (FileStore._log_run_metric writes f"{metric.timestamp} {metric.value} {metric.step}\n").
// Values are Python float reprs (`0.5`, `1.0`, `1e-05`, `nan`, `inf`, `-inf`) so the file is the
// one MLflow would have written; timestamps and steps are ints. Lines are written straight into
// bytes: building a string per point and encoding it was the export's slowest step.
import type { MetricColumns } from '../metric-history';
import { pyFloatRepr } from '../models/python-text';

/**
 * repr(float(x)). Between 1e-4 and 1e16 Python and JavaScript both print the shortest
 * round-tripping digits without an exponent, so String() is the fast path for nearly every
 * value; the rest (exponents, integers, non-finite) take pyFloatRepr.
 */
export function floatText(x: number): string {
  const a = x < 0 ? -x : x;
  if (a >= 1e-4 && a < 1e16) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  return pyFloatRepr(x);
}

/** Python int text for a stored integer (a Float64Array holds it exactly up to 2^53). */
export function intText(x: number): string {
  return Number.isSafeInteger(x) ? String(x) : BigInt(Math.trunc(x)).toString();
}

/** Longest line: 21-char ints (sign + 20 digits past 2^53 via BigInt) and a 24-char float repr. */
const MAX_LINE = 21 + 1 + 24 + 1 + 21 + 1;
const SPACE = 32;
const NEWLINE = 10;
const digits = new Uint8Array(24);

function putInt(out: Uint8Array, at: number, x: number): number {
  if (!Number.isSafeInteger(x)) return putAscii(out, at, intText(x));
  let n = x;
  if (n < 0) {
    out[at++] = 45; // '-'
    n = -n;
  }
  let k = 0;
  do {
    digits[k++] = 48 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  while (k > 0) out[at++] = digits[--k] as number;
  return at;
}

function putAscii(out: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) out[at++] = s.charCodeAt(i);
  return at;
}

/** The UTF-8 (ASCII) bytes of the lines of points [start, end) of one history. */
export function metricLineBytes(cols: MetricColumns, start = 0, end = cols.values.length): Uint8Array {
  const out = new Uint8Array((end - start) * MAX_LINE);
  let at = 0;
  for (let i = start; i < end; i++) {
    at = putInt(out, at, cols.timestamps[i] as number);
    out[at++] = SPACE;
    at = putAscii(out, at, floatText(cols.values[i] as number));
    out[at++] = SPACE;
    at = putInt(out, at, cols.steps[i] as number);
    out[at++] = NEWLINE;
  }
  return out.subarray(0, at);
}

/** The same lines as text. */
export function metricLines(cols: MetricColumns, start = 0, end = cols.values.length): string {
  return new TextDecoder().decode(metricLineBytes(cols, start, end));
}
