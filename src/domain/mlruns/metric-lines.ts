// Metric history files of MLflow's FileStore: one point per line, `<timestamp> <value> <step>`
// (file_store.py `_get_metric_from_line`: strip(), split, int / float / int, a missing step reads
// as 0). MLflow 3 appends `<dataset name> <dataset digest>` to run metric lines and the source run
// id to logged-model metric lines; those fields are read past, not stored.
//
// Parsed straight from the bytes (the files are ASCII): no string per line, no regex, numbers
// built in a hand loop, so a million points parse in a fraction of a second. Values take Clinger's
// fast path (an integer mantissa up to 2^53 multiplied or divided by an exact power of ten up to
// 1e22 is one correctly rounded IEEE operation, so the result equals Python's float()); anything
// else (17-digit mantissas, large exponents) falls back to Number() on the field's text. Lines
// that are not exactly MLflow's shape go through python-numbers.ts, field by field.
import type { MetricColumns } from '../metric-history';
import { pythonFloatRepr } from './python-float';
import { POW10, TWO_53, asciiText, numberRead, readPythonFloat, readPythonInt } from './python-numbers';

export interface MetricLineProblem {
  /** 1-based */
  line: number;
  /** the line as written (cut at 80 characters) */
  text: string;
  reason: string;
}

export interface ParsedMetricFile extends MetricColumns {
  /** lines that are not `timestamp value step` (at most MAX_PROBLEMS kept; `problemCount` has all) */
  problems: MetricLineProblem[];
  problemCount: number;
}

const LF = 10;
/** bytes -> one char each, so byte offsets index the text (the files are ASCII) */
const latin1 = new TextDecoder('latin1');
const MAX_PROBLEMS = 20;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** One line in the general form (any blanks, MLflow 3's extra fields, nan/inf, errors). */
function readLine(b: Uint8Array, start: number, end: number, out: { ts: number; value: number; step: number }): string | undefined {
  let s = start;
  let e = end;
  while (s < e && isSpace(b[s] as number)) s++;
  while (e > s && isSpace(b[e - 1] as number)) e--;
  // Fields are separated by spaces (MLflow writes one; runs of blanks are read as one).
  let fields = 0;
  let f0 = 0, f0e = 0, f1 = 0, f1e = 0, f2 = 0, f2e = 0;
  for (let p = s; p < e; ) {
    const from = p;
    while (p < e && !isSpace(b[p] as number)) p++;
    if (fields === 0) {
      f0 = from;
      f0e = p;
    } else if (fields === 1) {
      f1 = from;
      f1e = p;
    } else if (fields === 2) {
      f2 = from;
      f2e = p;
    }
    fields++;
    while (p < e && isSpace(b[p] as number)) p++;
  }
  if (fields < 2 || fields > 6) return `expected 'timestamp value step', got ${fields} field${fields === 1 ? '' : 's'}`;
  numberRead.invalid = false;
  out.ts = readPythonInt(b, f0, f0e);
  if (numberRead.invalid) return `timestamp '${asciiText(b, f0, f0e)}' is not an integer`;
  out.value = readPythonFloat(b, f1, f1e);
  if (numberRead.invalid) return `value '${asciiText(b, f1, f1e)}' is not a number`;
  out.step = fields < 3 ? 0 : readPythonInt(b, f2, f2e);
  if (numberRead.invalid) return `step '${asciiText(b, f2, f2e)}' is not an integer`;
  return undefined;
}

const SP = 32;
const CR = 13;

/**
 * Every point of one metric file, in file order, as columns; lines that are not
 * `timestamp value step` are left out and reported. Blank lines are skipped.
 * @example parseMetricLines(new TextEncoder().encode('1677130794832 0.5 0\n')).values // Float64Array [0.5]
 */
export function parseMetricLines(b: Uint8Array): ParsedMetricFile {
  const len = b.length;
  let capacity = len > 0 && b[len - 1] !== LF ? 1 : 0;
  for (let i = 0; i < len; i++) if (b[i] === LF) capacity++;
  const steps = new Float64Array(capacity);
  const timestamps = new Float64Array(capacity);
  const values = new Float64Array(capacity);
  const problems: MetricLineProblem[] = [];
  const point = { ts: 0, value: 0, step: 0 };
  let text: string | undefined;
  let problemCount = 0;
  let n = 0;
  let line = 0;
  let i = 0;
  while (i < len) {
    line++;
    // Fast path: exactly what MLflow writes, `<ts> <value> <step>` (or 2 fields), each byte read
    // once. Anything else (blanks, nan/inf, extra fields, errors) takes readLine below.
    fast: {
      let p = i;
      let c = b[p] as number;
      if (c < 48 || c > 57) break fast;
      let ts = 0;
      do {
        ts = ts * 10 + (c - 48);
        c = ++p < len ? (b[p] as number) : LF;
      } while (c >= 48 && c <= 57);
      if (c !== SP) break fast;
      const vs = ++p;
      c = p < len ? (b[p] as number) : LF;
      const neg = c === 45;
      if (neg) c = ++p < len ? (b[p] as number) : LF;
      let mantissa = 0;
      let exp10 = 0;
      let digits = 0;
      let exact = true;
      for (; c >= 48 && c <= 57; digits++, c = ++p < len ? (b[p] as number) : LF) {
        const next = mantissa * 10 + (c - 48);
        if (next > TWO_53) exact = false;
        else mantissa = next;
      }
      if (c === 46) {
        for (c = ++p < len ? (b[p] as number) : LF; c >= 48 && c <= 57; digits++, c = ++p < len ? (b[p] as number) : LF) {
          const next = mantissa * 10 + (c - 48);
          if (next > TWO_53) exact = false;
          else if (exact) {
            mantissa = next;
            exp10--;
          }
        }
      }
      if (digits === 0) break fast;
      if (c === 101 || c === 69) {
        c = ++p < len ? (b[p] as number) : LF;
        const expNeg = c === 45;
        if (expNeg || c === 43) c = ++p < len ? (b[p] as number) : LF;
        let x = 0;
        const from = p;
        for (; c >= 48 && c <= 57; c = ++p < len ? (b[p] as number) : LF) x = x * 10 + (c - 48);
        if (p === from) break fast;
        exp10 += expNeg ? -x : x;
      }
      let value: number;
      if (exact && exp10 === 0) value = neg ? -mantissa : mantissa;
      else if (exact && exp10 > 0 && exp10 <= 22) value = (neg ? -mantissa : mantissa) * (POW10[exp10] as number);
      else if (exact && exp10 < 0 && exp10 >= -22) value = (neg ? -mantissa : mantissa) / (POW10[-exp10] as number);
      else {
        // 17 significant digits or a large exponent: let the engine round (rare in most files).
        text ??= latin1.decode(b);
        value = Number(text.slice(vs, p));
      }
      let step = 0;
      if (c === SP) {
        c = ++p < len ? (b[p] as number) : LF;
        const stepNeg = c === 45;
        if (stepNeg) c = ++p < len ? (b[p] as number) : LF;
        if (c < 48 || c > 57) break fast;
        do {
          step = step * 10 + (c - 48);
          c = ++p < len ? (b[p] as number) : LF;
        } while (c >= 48 && c <= 57);
        if (stepNeg) step = -step;
      }
      if (c === CR) c = ++p < len ? (b[p] as number) : LF;
      if (c !== LF) break fast;
      timestamps[n] = ts;
      values[n] = value;
      steps[n] = step;
      n++;
      i = p + 1;
      continue;
    }
    let end = b.indexOf(LF, i);
    if (end < 0) end = len;
    const start = i;
    i = end + 1;
    let blank = true;
    for (let q = start; q < end && blank; q++) blank = isSpace(b[q] as number);
    if (blank) continue;
    const reason = readLine(b, start, end, point);
    if (reason === undefined) {
      timestamps[n] = point.ts;
      values[n] = point.value;
      steps[n] = point.step;
      n++;
      continue;
    }
    problemCount++;
    if (problems.length < MAX_PROBLEMS) {
      let s = start;
      while (s < end && isSpace(b[s] as number)) s++;
      let e = end;
      while (e > s && isSpace(b[e - 1] as number)) e--;
      problems.push({ line, text: new TextDecoder().decode(b.subarray(s, Math.min(e, s + 80))), reason });
    }
  }
  if (n === capacity) return { steps, timestamps, values, problems, problemCount };
  return { steps: steps.slice(0, n), timestamps: timestamps.slice(0, n), values: values.slice(0, n), problems, problemCount };
}

/**
 * One line as MLflow's FileStore writes it (`f"{timestamp} {value} {step}\n"`, value as Python repr).
 * @example formatMetricLine(1677130794832, 0.5, 0) // '1677130794832 0.5 0\n'
 */
export function formatMetricLine(timestamp: number, value: number, step: number): string {
  return `${timestamp} ${pythonFloatRepr(value)} ${step}\n`;
}
