// A QR code's dark modules as horizontal runs, so the SVG draws one <rect> per run of adjacent
// dark modules in a row instead of one per module (a version-10 invite code has ~1,500 dark
// modules but only ~600 runs). Pure.
import { encode } from 'uqr';

export interface QrRun {
  x: number;
  y: number;
  width: number;
}

export interface QrPicture {
  /** modules per side, quiet zone included */
  size: number;
  runs: QrRun[];
}

/** Runs of `true` cells, row by row, left to right. */
export function darkRuns(matrix: readonly (readonly boolean[])[]): QrRun[] {
  const runs: QrRun[] = [];
  matrix.forEach((row, y) => {
    let start = -1;
    for (let x = 0; x <= row.length; x++) {
      const dark = x < row.length && row[x] === true;
      if (dark && start < 0) start = x;
      else if (!dark && start >= 0) {
        runs.push({ x: start, y, width: x - start });
        start = -1;
      }
    }
  });
  return runs;
}

/**
 * The QR code of `text` (error correction M: still reads with a smudge or a phone at an angle)
 * with the standard 4-module quiet zone scanners need around it.
 */
export function qrPicture(text: string): QrPicture {
  const qr = encode(text, { ecc: 'M', border: 4 });
  return { size: qr.size, runs: darkRuns(qr.data) };
}
