// How a column of run values (params are strings, metrics numbers) maps onto an axis: numeric
// when every present value reads as a finite number ("0.01" does), else categorical in natural
// order. Shared by the parallel-coordinates and scatter specs.

export type RunValue = number | string | undefined;

export type AxisKind = { kind: 'numeric'; lo: number; hi: number } | { kind: 'categorical'; categories: string[] };

const collator = new Intl.Collator(undefined, { numeric: true });

/** The number a value reads as, or undefined (missing, NaN, ±Infinity, or not a number). */
export function numericOf(v: RunValue): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** A value counts as present unless missing or a non-finite number (NaN metrics are gaps). */
export function isPresent(v: RunValue): v is number | string {
  return v !== undefined && !(typeof v === 'number' && !Number.isFinite(v));
}

export function axisOf(values: readonly RunValue[]): AxisKind {
  const present = values.filter(isPresent);
  if (present.every((v) => numericOf(v) !== undefined)) {
    const nums = present.map((v) => numericOf(v) as number);
    return { kind: 'numeric', lo: nums.length ? Math.min(...nums) : 0, hi: nums.length ? Math.max(...nums) : 1 };
  }
  const categories = [...new Set(present.map(String))].sort(collator.compare);
  return { kind: 'categorical', categories };
}

/** Position of `v` on the axis, 0..1; NaN when it has none (missing or not on this axis). */
export function positionOn(axis: AxisKind, v: RunValue): number {
  if (!isPresent(v)) return NaN;
  if (axis.kind === 'numeric') {
    const n = numericOf(v);
    if (n === undefined) return NaN;
    return axis.hi > axis.lo ? (n - axis.lo) / (axis.hi - axis.lo) : 0.5;
  }
  const i = axis.categories.indexOf(String(v));
  if (i < 0) return NaN;
  return axis.categories.length > 1 ? i / (axis.categories.length - 1) : 0.5;
}
