// The session cache's queue with fake sessions whose tasks we finish by hand: tasks on one key
// never overlap and run in call order, keys are independent, loads are shared and failed loads
// forgotten, and release waits for the queue.
import { describe, expect, test } from 'vitest';
import { makeSessionCache } from '../../../src/domain/inference/session-cache';
import { expectMlflowError } from '../../helpers/expect-mlflow-error';

function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('makeSessionCache', () => {
  test('tasks on one session run one at a time, in call order, even when a task fails', async () => {
    const cache = makeSessionCache<string>(async () => undefined);
    await cache.getOrLoad('m', async () => 'session-m');
    const log: string[] = [];
    let running = 0;
    const gates = [deferred(), deferred(), deferred()];
    const tasks = gates.map((gate, i) =>
      cache.enqueue('m', async (s) => {
        running++;
        expect(running).toBe(1);
        log.push(`start ${i} on ${s}`);
        await gate.promise;
        running--;
        log.push(`end ${i}`);
        if (i === 1) throw new Error('task 1 fails');
        return i;
      }),
    );
    await tick();
    expect(log).toEqual(['start 0 on session-m']);
    gates[2]!.resolve();
    gates[1]!.resolve();
    await tick();
    expect(log).toEqual(['start 0 on session-m']); // 1 and 2 wait for 0 although their gates are open
    gates[0]!.resolve();
    await expect(tasks[0]).resolves.toBe(0);
    await expect(tasks[1]).rejects.toThrow('task 1 fails');
    await expect(tasks[2]).resolves.toBe(2);
    expect(log).toEqual(['start 0 on session-m', 'end 0', 'start 1 on session-m', 'end 1', 'start 2 on session-m', 'end 2']);
  });

  test('different sessions do not wait for each other', async () => {
    const cache = makeSessionCache<string>(async () => undefined);
    await Promise.all([cache.getOrLoad('a', async () => 'A'), cache.getOrLoad('b', async () => 'B')]);
    const never = deferred();
    void cache.enqueue('a', () => never.promise);
    await expect(cache.enqueue('b', async (s) => s)).resolves.toBe('B');
  });

  test('tasks queued during a load wait for it; concurrent loads share one create', async () => {
    const cache = makeSessionCache<string>(async () => undefined);
    const load = deferred<string>();
    let creates = 0;
    const first = cache.getOrLoad('m', () => (creates++, load.promise));
    const second = cache.getOrLoad('m', () => (creates++, Promise.resolve('other')));
    const task = cache.enqueue('m', async (s) => `ran on ${s}`);
    expect(cache.peek('m')).toBeUndefined();
    load.resolve('S');
    expect(await Promise.all([first, second, task])).toEqual(['S', 'S', 'ran on S']);
    expect(creates).toBe(1);
    expect(cache.peek('m')).toBe('S');
  });

  test('a failed load is forgotten, so the next load tries again', async () => {
    const cache = makeSessionCache<string>(async () => undefined);
    await expect(cache.getOrLoad('m', () => Promise.reject(new Error('bad bytes')))).rejects.toThrow('bad bytes');
    expect(cache.size).toBe(0);
    await expect(cache.getOrLoad('m', async () => 'ok')).resolves.toBe('ok');
  });

  test('release forgets the key at once but disposes the session after its queued tasks', async () => {
    const disposed: string[] = [];
    const cache = makeSessionCache<string>(async (s) => void disposed.push(s));
    await cache.getOrLoad('m', async () => 'S');
    const gate = deferred();
    const task = cache.enqueue('m', () => gate.promise.then(() => 'done'));
    const released = cache.release('m');
    await expectMlflowError(cache.enqueue('m', async () => 'late'), 'RESOURCE_DOES_NOT_EXIST', /No ONNX model is loaded under key 'm'/);
    await tick();
    expect(disposed).toEqual([]);
    gate.resolve();
    await Promise.all([task, released]);
    expect(disposed).toEqual(['S']);
  });

  test('clear releases every session', async () => {
    const disposed: string[] = [];
    const cache = makeSessionCache<string>(async (s) => void disposed.push(s));
    await Promise.all(['a', 'b', 'c'].map((k) => cache.getOrLoad(k, async () => k)));
    await cache.clear();
    expect(disposed.sort()).toEqual(['a', 'b', 'c']);
    expect(cache.size).toBe(0);
  });
});
