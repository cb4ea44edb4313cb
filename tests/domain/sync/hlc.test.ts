// The hybrid logical clock: stamps only grow, an event stamped later than it happened (drained
// after a window) still sorts by when it happened, and observed stamps push the clock forward.
import { expect, test } from 'vitest';
import { HybridClock, parseHlc } from '../../../src/domain/sync/hlc';

const wall = (hlc: string): number => parseHlc(hlc)!.wall;

test('a stamp for an event `ageMs` ago takes the time it happened, when that is after every earlier stamp', () => {
  let physical = 1_000_000;
  const clock = new HybridClock('a0', () => physical);
  expect(wall(clock.now())).toBe(1_000_000);
  physical = 1_000_500;
  // committed 40 ms ago, drained now: stamped at commit time
  expect(wall(clock.now(40))).toBe(1_000_460);
  // older than the last stamp: never goes back, the counter moves on instead
  const again = clock.now(400);
  expect(wall(again)).toBe(1_000_460);
  expect(parseHlc(again)!.counter).toBe(1);
  // a negative age is no age
  expect(wall(clock.now(-100))).toBe(1_000_500);
});

test('two events drained in the other order keep the order they happened in', () => {
  let physical = 2_000_000;
  const a = new HybridClock('a0', () => physical);
  const b = new HybridClock('b0', () => physical);
  // a's change at t, b's at t + 3; b is drained at t + 5, a at t + 60
  physical = 2_000_005;
  const stampB = b.now(2);
  physical = 2_000_060;
  const stampA = a.now(60);
  expect(stampA < stampB).toBe(true);
});

test('an observed stamp moves the clock forward, so a later local event sorts after it', () => {
  const physical = 3_000_000;
  const clock = new HybridClock('a0', () => physical);
  const remote = new HybridClock('b0', () => physical + 5_000).now();
  clock.observe(remote);
  expect(clock.now() > remote).toBe(true);
  expect(clock.now(1_000) > remote).toBe(true);
});
