// The seal window of a run widens with the chunks it has sealed, so a long training run does not
// fill its shard document with refs, while a new run's points still reach peers within ~2 s.
import { expect, test } from 'vitest';
import { PendingMetrics } from '../../src/sync/runs/pending-metrics';

const series = (n: number) => [{ key: 'loss', steps: new Float64Array(n), timestamps: new Float64Array(n), values: new Float64Array(n) }];

test('a fresh run is due after the base window', () => {
  const p = new PendingMetrics();
  p.add(1, 'r', series(3), 1000);
  expect(p.due(2999, 2000)).toEqual([]);
  expect(p.due(3000, 2000)).toEqual(['r']);
  expect(p.nextDue(2000)).toBe(3000);
});

test('each sealed chunk widens the window, up to 60 s; a failed seal gives the widening back', () => {
  const p = new PendingMetrics();
  for (let i = 0; i < 500; i++) {
    p.add(i, 'r', series(1), i);
    p.take('r');
  }
  expect(p.windowOf('r', 2000)).toBe(10_000);
  expect(p.windowOf('other', 2000)).toBe(2000);
  p.add(1000, 'r', series(1), 50_000);
  expect(p.due(59_999, 2000)).toEqual([]);
  expect(p.due(60_000, 2000)).toEqual(['r']);
  const taken = p.take('r');
  expect(p.windowOf('r', 2000)).toBe(10_020);
  p.restore('r', taken!);
  expect(p.windowOf('r', 2000)).toBe(10_000);
  for (let i = 0; i < 5000; i++) {
    p.add(2000 + i, 'r', series(1), 0);
    p.take('r');
  }
  expect(p.windowOf('r', 2000)).toBe(60_000);
});

test('50,000 points are due at once whatever the window', () => {
  const p = new PendingMetrics();
  p.add(1, 'r', series(50_000), 0);
  expect(p.due(1, 2000)).toEqual(['r']);
});
