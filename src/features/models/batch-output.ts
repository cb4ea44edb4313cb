// The result file of a batch score: every input column, then one column per model output, one
// line per input row. Written a chunk at a time (csvChunk), so 100,000 rows never become one
// long Papa.unparse on the UI thread, and the file is a Blob of those parts at the end.
import Papa from 'papaparse';
import { MlflowError } from '../../domain/errors';
import { csvCell, predictionTable } from './prediction-table';

export interface OutputLayout {
  columns: string[];
  inputColumns: string[];
  /** output name -> its column in the file (renamed when an input column has the same name) */
  predictionColumns: Array<[output: string, column: string]>;
}

/** Input columns first; an output named like an input column becomes `<name>_prediction`. */
export function outputLayout(inputColumns: string[], outputs: string[]): OutputLayout {
  const taken = new Set(inputColumns);
  const predictionColumns = outputs.map((o): [string, string] => {
    let column = o;
    while (taken.has(column)) column = `${column}_prediction`;
    taken.add(column);
    return [o, column];
  });
  return { columns: [...inputColumns, ...predictionColumns.map(([, c]) => c)], inputColumns, predictionColumns };
}

/** Predictions for `rows` input rows as one record per row, keyed by output name. */
export function predictionRecords(predictions: unknown, rows: number): Array<Record<string, unknown>> {
  const table = predictionTable(predictions);
  if (!table || table.rows.length !== rows) {
    throw new MlflowError(`The model returned ${table ? table.rows.length : 'no table of'} predictions for ${rows} rows; batch scoring needs one prediction per row.`, 'INVALID_STATE');
  }
  return table.rows.map((cells) => Object.fromEntries(table.columns.map((c, i) => [c, cells[i]])));
}

/** One output row: the input row's values, then the predictions. */
export function outputRow(layout: OutputLayout, input: Record<string, unknown>, prediction: Record<string, unknown>): unknown[] {
  return [...layout.inputColumns.map((c) => csvCell(input[c])), ...layout.predictionColumns.map(([o]) => csvCell(prediction[o]))];
}

/** A chunk of the result file; the first chunk carries the header. Lines end in \r\n as Papa writes them. */
export function csvChunk(layout: OutputLayout, rows: unknown[][], withHeader: boolean): string {
  if (rows.length === 0) return withHeader ? `${Papa.unparse([layout.columns])}\r\n` : '';
  return `${Papa.unparse({ fields: layout.columns, data: rows }, { header: withHeader })}\r\n`;
}
