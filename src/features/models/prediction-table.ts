// Predictions as rows and columns when they have that shape: MLflow's pyfunc returns records for a
// DataFrame input (one object per row), a dict of output name -> array otherwise, or a plain list.
// Whatever does not fit a table is shown as JSON instead.

export interface PredictionTable {
  columns: string[];
  /** one array per row, values in column order */
  rows: unknown[][];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @example predictionTable([{ variable: 5.1 }, { variable: 6 }]) // { columns: ['variable'], rows: [[5.1], [6]] }
 * @example predictionTable({ label: [0, 2], probabilities: [[0.9, 0.1], [0.2, 0.8]] }) // two rows
 */
export function predictionTable(predictions: unknown): PredictionTable | undefined {
  if (Array.isArray(predictions)) {
    if (predictions.length > 0 && predictions.every(isRecord)) {
      const seen = new Set<string>();
      for (const row of predictions) for (const k of Object.keys(row)) seen.add(k);
      const columns = [...seen];
      return { columns, rows: predictions.map((row) => columns.map((c) => row[c])) };
    }
    return { columns: ['prediction'], rows: predictions.map((v) => [v]) };
  }
  if (isRecord(predictions)) {
    const columns = Object.keys(predictions);
    const lists = columns.map((c) => predictions[c]);
    const length = Array.isArray(lists[0]) ? lists[0].length : -1;
    if (columns.length === 0 || length < 0 || !lists.every((l) => Array.isArray(l) && l.length === length)) return undefined;
    return { columns, rows: Array.from({ length }, (_, r) => lists.map((l) => (l as unknown[])[r])) };
  }
  return undefined;
}

const MAX_CELL = 200;

/** One cell as text: numbers in full, structured values (ZipMap probabilities, vectors) as JSON. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  const json = JSON.stringify(v);
  return json.length > MAX_CELL ? `${json.slice(0, MAX_CELL)}…` : json;
}

/** A CSV cell: like cellText but never truncated, since the file is the full result. */
export function csvCell(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object') return v ?? '';
  return JSON.stringify(v);
}
