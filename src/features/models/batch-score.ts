// Scoring a CSV file of any size without freezing the page: Papa Parse streams the file in
// chunks (header row, dynamic typing), the parser is paused while each chunk's rows are scored in
// slices of `chunkRows` (the model runs in a worker), and the browser gets a turn between slices
// to paint the progress bar and handle a Cancel. Only the result file's text parts and the first
// rows for a preview are kept, never all rows as objects.
import Papa from 'papaparse';
import { MlflowError } from '../../domain/errors';
import type { DataFrame } from '../../domain/models';
import { csvChunk, outputLayout, outputRow, predictionRecords, type OutputLayout } from './batch-output';

export type InputRow = Record<string, unknown>;

export interface BatchProgress {
  rowsDone: number;
  /** rows in the whole file, estimated from the bytes parsed so far; exact once done */
  rowsEstimate: number;
  elapsedMs: number;
}

export interface BatchResult {
  status: 'done' | 'cancelled';
  rows: number;
  elapsedMs: number;
  /** undefined when no row was scored */
  layout?: OutputLayout;
  preview: unknown[][];
  /** the result CSV as consecutive text parts, for a Blob */
  parts: string[];
  /** rows Papa Parse flagged (wrong field count, bad quotes) and the first such message */
  malformedRows: number;
  firstProblem?: string;
}

export interface BatchOptions {
  /** Predictions for a slice of input rows (the file's columns in `columns`). */
  score: (rows: InputRow[], columns: string[]) => Promise<unknown>;
  chunkRows?: number;
  previewRows?: number;
  /** bytes Papa reads per step; small enough that parsing one is a short task */
  readBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: BatchProgress) => void;
}

/** Parsed rows as the DataFrame predict() takes; a cell missing from a short row is null. */
export function frameOf(rows: InputRow[], columns: string[]): DataFrame {
  const data: Record<string, unknown[]> = {};
  for (const c of columns) data[c] = rows.map((r) => r[c] ?? null);
  return { columns: [...columns], data, length: rows.length };
}

/** An error from one slice, saying which rows of the file it is about. */
function inRows(error: unknown, first: number, count: number): unknown {
  if (!(error instanceof MlflowError)) return error;
  const range = `Rows ${(first + 1).toLocaleString('en-US')}-${(first + count).toLocaleString('en-US')} of the file`;
  return new MlflowError(`${range}: ${error.message}`, error.errorCode);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** @example const result = await scoreCsv(file, { score: (rows) => model.predict(rows), onProgress }) */
export function scoreCsv(source: File | string, options: BatchOptions): Promise<BatchResult> {
  const chunkRows = options.chunkRows ?? 2000;
  const previewRows = options.previewRows ?? 50;
  const totalSize = typeof source === 'string' ? source.length : source.size;
  const signal = options.signal;
  const started = performance.now();
  const pending: InputRow[] = [];
  const result: BatchResult = { status: 'done', rows: 0, elapsedMs: 0, preview: [], parts: [], malformedRows: 0 };
  let columns: string[] = [];
  let cursor = 0;
  let failure: { error: unknown } | undefined;

  const report = (): void => {
    const estimate = cursor > 0 ? Math.round(((result.rows + pending.length) / cursor) * totalSize) : 0;
    options.onProgress?.({ rowsDone: result.rows, rowsEstimate: Math.max(estimate, result.rows + pending.length), elapsedMs: performance.now() - started });
  };

  /** Scores whole slices of the pending rows (and, at the end, the rest). */
  const drain = async (final: boolean): Promise<void> => {
    while (pending.length >= chunkRows || (final && pending.length > 0)) {
      if (signal?.aborted) return;
      const slice = pending.splice(0, chunkRows);
      let records: Array<Record<string, unknown>>;
      try {
        records = predictionRecords(await options.score(slice, columns), slice.length);
      } catch (e) {
        throw inRows(e, result.rows, slice.length);
      }
      const layout = (result.layout ??= outputLayout(columns, Object.keys(records[0] ?? {})));
      const rows = slice.map((row, i) => outputRow(layout, row, records[i] ?? {}));
      if (result.preview.length < previewRows) result.preview.push(...rows.slice(0, previewRows - result.preview.length));
      result.parts.push(csvChunk(layout, rows, result.parts.length === 0));
      result.rows += slice.length;
      report();
      await nextTurn();
    }
  };

  return new Promise<BatchResult>((resolve, reject) => {
    const finish = (): void => {
      result.elapsedMs = performance.now() - started;
      if (failure) reject(failure.error);
      else resolve(result);
    };
    Papa.parse<InputRow>(source, {
      header: true,
      dynamicTyping: true,
      skipEmptyLines: 'greedy',
      chunkSize: options.readBytes ?? 256 * 1024,
      chunk(results, parser) {
        if (signal?.aborted) return parser.abort();
        if (results.meta.fields) columns = results.meta.fields;
        for (const row of results.data) pending.push(row);
        for (const e of results.errors) {
          if (e.type === 'Delimiter') continue; // a guess that fell back to ',', not a bad row
          result.malformedRows++;
          result.firstProblem ??= `row ${(e.row ?? 0) + 2}: ${e.message}`;
        }
        cursor = results.meta.cursor;
        report();
        parser.pause();
        drain(false).then(
          () => (signal?.aborted ? parser.abort() : parser.resume()),
          (error: unknown) => {
            failure = { error };
            parser.abort();
          },
        );
      },
      complete(results) {
        // Papa calls this on abort too: a Cancel, or a failed slice.
        if (failure) return finish();
        if (results?.meta?.aborted || signal?.aborted) {
          result.status = 'cancelled';
          return finish();
        }
        cursor = totalSize;
        drain(true).then(
          () => {
            if (signal?.aborted) result.status = 'cancelled';
            finish();
          },
          (error: unknown) => {
            failure = { error };
            finish();
          },
        );
      },
      error(error) {
        failure = { error };
        finish();
      },
    });
  });
}
