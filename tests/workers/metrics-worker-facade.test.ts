// The main-thread facade (src/compute/metrics-worker.ts) against the real worker entry's logic,
// with a MessageChannel standing in for the Worker: lazy start, transfer of the request's
// buffers, dispose, and a dead worker rejecting instead of hanging.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, test } from 'vitest';
import { makeMetricsWorker, transferablesOf, type WorkerLike } from '../../src/compute/metrics-worker';
import { prepareOverlay, transferablesOf as resultTransferables } from '../../workers/metrics/prepare-overlay';
import type { MetricsWorkerApi, OverlayRequest } from '../../workers/metrics/types';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** A fake worker: the port the facade talks to, with the worker entry's API on the other end. */
function fakeWorker(): { connect: () => WorkerLike; started: () => number; terminated: () => number; port: () => MessagePort | undefined } {
  let started = 0;
  let terminated = 0;
  let current: MessagePort | undefined;
  const connect = (): WorkerLike => {
    started++;
    const { port1, port2 } = new MessageChannel();
    const api: MetricsWorkerApi = { prepareOverlay: (r) => {
      const result = prepareOverlay(r);
      return Comlink.transfer(result, resultTransferables(result));
    } };
    Comlink.expose(api, port2);
    current = port1;
    cleanups.push(() => (port1.close(), port2.close()));
    return Object.assign(port1, { terminate: () => (terminated++, port1.close(), port2.close()) });
  };
  return { connect, started: () => started, terminated: () => terminated, port: () => current };
}

function request(n: number): OverlayRequest {
  const values = Float64Array.from({ length: n }, (_, i) => Math.cos(i / 10));
  return {
    series: [{ id: 'r1', runStart: 0, columns: { steps: Float64Array.from(values, (_, i) => i), timestamps: Float64Array.from(values, (_, i) => i * 10), values } }],
    xAxis: 'step',
    smoothing: 0.3,
    maxPoints: 64,
    ignoreOutliers: false,
    logY: false,
    aggregate: false,
  };
}

describe('makeMetricsWorker', () => {
  test('starts its worker on the first request only, and returns prepared series', async () => {
    const fake = fakeWorker();
    const mw = makeMetricsWorker({ connect: fake.connect });
    expect(fake.started()).toBe(0);
    const result = await mw.prepareOverlay(request(1000));
    expect(fake.started()).toBe(1);
    expect(result.series[0]!.raw.x.length).toBeLessThanOrEqual(64);
    expect(result.series[0]!.smoothed).toBeDefined();
    await mw.prepareOverlay(request(10));
    expect(fake.started()).toBe(1);
    mw.dispose();
  });

  test("moves the request's buffers instead of copying them", async () => {
    const fake = fakeWorker();
    const mw = makeMetricsWorker({ connect: fake.connect });
    const req = request(1000);
    const values = req.series[0]!.columns.values;
    await mw.prepareOverlay(req);
    expect(values.byteLength).toBe(0); // detached: transferred
    mw.dispose();
  });

  test('lists a buffer shared by two columns once (postMessage throws on duplicates)', () => {
    const shared = new Float64Array(8);
    const req = request(4);
    req.series.push({ id: 'r2', runStart: 0, columns: { steps: shared.subarray(0, 4), timestamps: shared.subarray(4), values: shared } });
    expect(transferablesOf(req)).toHaveLength(4);
  });

  test('dispose terminates the worker; the next request starts a new one', async () => {
    const fake = fakeWorker();
    const mw = makeMetricsWorker({ connect: fake.connect });
    await mw.prepareOverlay(request(10));
    mw.dispose();
    expect(fake.terminated()).toBe(1);
    await mw.prepareOverlay(request(10));
    expect(fake.started()).toBe(2);
    mw.dispose();
  });

  test('a worker that dies rejects the pending call instead of hanging', async () => {
    const { port1 } = new MessageChannel(); // nobody answers on the other end
    const mw = makeMetricsWorker({ connect: () => Object.assign(port1, { terminate: () => port1.close() }) });
    const pending = mw.prepareOverlay(request(10));
    port1.dispatchEvent(new Event('error'));
    await expect(pending).rejects.toThrow(/metrics worker failed/);
  });
});
