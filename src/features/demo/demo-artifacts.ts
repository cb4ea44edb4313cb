// The demo's artifact files: a confusion matrix (as a PNG heatmap and per-class CSV) and a grid
// of "sample predictions", all derived from the seeded generator.
import { createImage, encodePng, fillRect } from './png';
import type { Random } from './random';

export const CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;
const PER_CLASS = 100;

/** rows = true class, columns = predicted; each row sums to 100, `accuracy` of it on the diagonal. */
export function confusionMatrix(rng: Random, accuracy: number): number[][] {
  return CLASSES.map((_, truth) => {
    const row = new Array<number>(CLASSES.length).fill(0);
    const hits = Math.round(PER_CLASS * Math.min(1, Math.max(0, accuracy + 0.05 * rng.normal())));
    row[truth] = hits;
    // Mistakes favour a "look-alike" class (cat<->dog, automobile<->truck), as real ones do.
    const lookAlike = truth ^ 1;
    for (let i = 0; i < PER_CLASS - hits; i++) {
      const guess = rng.next() < 0.5 ? lookAlike : rng.int(CLASSES.length);
      const col = guess === truth ? lookAlike : guess;
      row[col] = (row[col] ?? 0) + 1;
    }
    return row;
  });
}

export function perClassCsv(matrix: number[][]): string {
  const lines = ['class,precision,recall,f1,support'];
  matrix.forEach((row, c) => {
    const tp = row[c] ?? 0;
    const predicted = matrix.reduce((n, r) => n + (r[c] ?? 0), 0);
    const support = row.reduce((a, b) => a + b, 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    lines.push([CLASSES[c], precision.toFixed(4), recall.toFixed(4), f1.toFixed(4), support].join(','));
  });
  return lines.join('\n') + '\n';
}

type Rgb = readonly [number, number, number];
// Viridis at five stops: perceptually even and readable for colour-blind viewers.
const VIRIDIS: Rgb[] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

function viridis(t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const a = VIRIDIS[i] ?? VIRIDIS[0]!;
  const b = VIRIDIS[i + 1] ?? a;
  const mix = (k: 0 | 1 | 2): number => Math.round(a[k] + (b[k] - a[k]) * (x - i));
  return [mix(0), mix(1), mix(2)];
}

export function confusionMatrixPng(matrix: number[][]): Promise<Uint8Array> {
  const cell = 24;
  const n = matrix.length;
  const img = createImage(n * cell + 2, n * cell + 2, [40, 40, 40]);
  matrix.forEach((row, r) => row.forEach((count, c) => fillRect(img, 1 + c * cell, 1 + r * cell, cell - 1, cell - 1, viridis(Math.sqrt(count / PER_CLASS)))));
  return encodePng(img);
}

/** A 4x4 grid of blurry "images", framed green when predicted right and red when wrong. */
export function samplePredictionsPng(rng: Random, accuracy: number): Promise<Uint8Array> {
  const tile = 40;
  const img = createImage(4 * tile, 4 * tile, [250, 250, 250]);
  for (let i = 0; i < 16; i++) {
    const x0 = (i % 4) * tile;
    const y0 = Math.floor(i / 4) * tile;
    const frame: Rgb = rng.next() < accuracy ? [46, 160, 67] : [214, 48, 49];
    fillRect(img, x0 + 1, y0 + 1, tile - 2, tile - 2, frame);
    const base: Rgb = [rng.int(200) + 30, rng.int(200) + 30, rng.int(200) + 30];
    const cx = 8 + rng.int(20);
    const cy = 8 + rng.int(20);
    for (let y = 0; y < tile - 8; y++) {
      for (let x = 0; x < tile - 8; x++) {
        const d = Math.hypot(x - cx, y - cy) / 24;
        const shade = (k: 0 | 1 | 2): number => Math.round(Math.min(255, base[k] * (1.3 - d) + 20 * rng.next()));
        fillRect(img, x0 + 4 + x, y0 + 4 + y, 1, 1, [shade(0), shade(1), shade(2)]);
      }
    }
  }
  return encodePng(img);
}
