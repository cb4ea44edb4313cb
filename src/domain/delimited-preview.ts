// The first rows of a CSV or TSV artifact as a table: header + rows, all padded to one width so
// ragged files still line up, plus what the parser complained about. Parsing stops after
// `maxRows`, so a preview costs the same for a 1 KB file and the first megabyte of a 200 MB one.
import Papa from 'papaparse';

export interface TablePreview {
  /** The first row, taken as the header (MLflow's own CSV artifacts always have one). */
  columns: string[];
  rows: string[][];
  /** True when the file has rows beyond those shown. */
  moreRows: boolean;
  /** Parser complaints, at most a few, with 1-based data row numbers. */
  problems: string[];
}

export interface DelimitedPreviewOptions {
  /** Data rows to keep, header not counted. */
  maxRows: number;
  /** The text is only the start of the file (see decodeTextPrefix). */
  partial: boolean;
}

const MAX_PROBLEMS = 5;

/**
 * @example parseDelimitedPreview('a,b\n1,2\n', ',', { maxRows: 100, partial: false })
 *   // { columns: ['a', 'b'], rows: [['1', '2']], moreRows: false, problems: [] }
 */
export function parseDelimitedPreview(text: string, delimiter: ',' | '\t', options: DelimitedPreviewOptions): TablePreview {
  const result = Papa.parse<string[]>(text, { delimiter, preview: options.maxRows + 1, skipEmptyLines: 'greedy' });
  const parsed = result.data;
  let errors = result.errors;
  // A prefix can end inside a quoted field that spans lines: that last row is incomplete, not wrong.
  if (options.partial && errors.some((e) => e.code === 'MissingQuotes' && e.row === parsed.length - 1)) {
    parsed.pop();
    errors = errors.filter((e) => e.row !== parsed.length);
  }
  const width = parsed.reduce((w, row) => Math.max(w, row.length), 0);
  const pad = (row: string[]): string[] => (row.length < width ? [...row, ...Array<string>(width - row.length).fill('')] : row);
  const [header = [], ...rows] = parsed;
  return {
    columns: pad(header),
    rows: rows.map(pad),
    moreRows: result.meta.truncated || options.partial,
    problems: errors.slice(0, MAX_PROBLEMS).map((e) => (e.row === undefined ? e.message : `Row ${e.row}: ${e.message}`)),
  };
}
