// The relay's on-disk pieces without a relay: log framing, torn tails vs damage, the stored state
// vector, the writer lock with two processes, compaction, and the frame checks.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DamagedDocumentError, DocLogs } from '../../sync-server/doc-log';
import { analyzeUpdate, BadFrame, dependenciesMet, parseClientFrame } from '../../sync-server/frames';
import { parseDocName } from '../../sync-server/layout';
import { withLock } from '../../sync-server/lockfile';
import { encodeRecord, FILE_HEADER, KIND_UPDATE, newFileHeader, parseLog } from '../../sync-server/log-format';
import { StateVectorTracker } from '../../sync-server/state-vector';
import { newWorkspace, removeDir, ROOT, tempDir } from './helpers';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir('relay-store-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

/** n updates from one doc, each depending on the one before. */
function updates(n: number, clientID = 7): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getMap('m').set(`k${i}`, i);
  doc.destroy();
  return out;
}

const file = (...records: Uint8Array[]) => Buffer.concat([newFileHeader(), ...records.map((u) => encodeRecord(KIND_UPDATE, u))]);

describe('log framing', () => {
  const [u1, u2, u3] = updates(3) as [Uint8Array, Uint8Array, Uint8Array];

  test('whole records parse', () => {
    const p = parseLog(file(u1, u2, u3));
    expect(p.status).toBe('ok');
    expect(p.records.map((r) => Buffer.from(r.update))).toEqual([u1, u2, u3].map((u) => Buffer.from(u)));
  });

  test('a torn last record is ignored, in every shape a crash leaves', () => {
    const whole = file(u1, u2);
    const end2 = whole.length;
    const start2 = file(u1).length;
    for (const cut of [start2 + 3, start2 + 12, start2 + 13, end2 - 1]) {
      const p = parseLog(whole.subarray(0, cut));
      expect(p.status, `cut at ${cut}`).toBe('torn-tail');
      expect(p.records).toHaveLength(1);
      expect(p.validEnd).toBe(start2);
    }
    // Blocks that never reached the disk read back as zeros: a zeroed tail, or a zeroed payload.
    expect(parseLog(Buffer.concat([file(u1), Buffer.alloc(100)]))).toMatchObject({ status: 'torn-tail', validEnd: start2 });
    const zeroed = Buffer.from(whole);
    zeroed.fill(0, start2 + 12);
    expect(parseLog(zeroed)).toMatchObject({ status: 'torn-tail', validEnd: start2 });
    expect(parseLog(newFileHeader().subarray(0, 11))).toMatchObject({ status: 'torn-tail', validEnd: 0 });
    expect(parseLog(Buffer.alloc(0))).toMatchObject({ status: 'ok', records: [] });
  });

  test('damage anywhere else, even in the last record, or a foreign file, is "damaged"', () => {
    const f = file(u1, u2, u3);
    const at = (i: number) => {
      const bad = Buffer.from(f);
      bad[i] = (bad[i] as number) ^ 0x01;
      return parseLog(bad).status;
    };
    expect(at(FILE_HEADER + 14)).toBe('damaged'); // first record's payload
    expect(at(FILE_HEADER + 1)).toBe('damaged'); // first record's length: not mistaken for a torn tail
    expect(at(f.length - 1)).toBe('damaged'); // last record's payload: bit rot, not a crash
    expect(parseLog(Buffer.from('{"not": "a log"}')).status).toBe('damaged');
  });

  test('stored state vector counts only the gap-free prefix per client', () => {
    const [a, b, c] = updates(3, 5) as [Uint8Array, Uint8Array, Uint8Array];
    const t = new StateVectorTracker();
    t.add(a);
    t.add(c); // b missing: c waits
    expect(t.toMap().get(5)).toBe(1);
    t.add(b);
    expect(t.toMap().get(5)).toBe(3);
  });
});

describe('document logs on disk', () => {
  test('append, load, stored state vector, compaction', async () => {
    const data = dir();
    const logs = new DocLogs(data);
    const ref = parseDocName(`${newWorkspace()}/exp/42`)!;
    expect(await logs.storedStateVector(ref)).toEqual(new Map());
    for (const u of updates(10)) await logs.append(ref, KIND_UPDATE, u);
    expect((await logs.storedStateVector(ref)).get(7)).toBe(10);
    expect(await logs.compact(ref)).toBe('compacted');
    const loaded = await new DocLogs(data).load(ref);
    expect(loaded.records).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded.records[0]!.update);
    expect(doc.getMap('m').size).toBe(10);
    expect((await new DocLogs(data).storedStateVector(ref)).get(7)).toBe(10);
  });

  test('a torn tail is cut by the next append; a damaged log is never written', async () => {
    const data = dir();
    const logs = new DocLogs(data);
    const ref = parseDocName(newWorkspace())!;
    const [u1, u2, u3] = updates(3) as [Uint8Array, Uint8Array, Uint8Array];
    await logs.append(ref, KIND_UPDATE, u1);
    const path = logs.path(ref);
    writeFileSync(path, Buffer.concat([readFileSync(path), encodeRecord(KIND_UPDATE, u2).subarray(0, 15)]));
    const fresh = new DocLogs(data);
    expect(await fresh.load(ref)).toMatchObject({ tornTail: true });
    await fresh.append(ref, KIND_UPDATE, u2);
    await fresh.append(ref, KIND_UPDATE, u3);
    expect(parseLog(readFileSync(path))).toMatchObject({ status: 'ok', records: [{}, {}, {}] });

    const damaged = Buffer.from(readFileSync(path));
    damaged[FILE_HEADER + 14] = (damaged[FILE_HEADER + 14] as number) ^ 0x40;
    writeFileSync(path, damaged);
    const other = new DocLogs(data);
    await expect(other.load(ref)).rejects.toBeInstanceOf(DamagedDocumentError);
    await expect(other.append(ref, KIND_UPDATE, u3)).rejects.toBeInstanceOf(DamagedDocumentError);
    await expect(other.compact(ref)).rejects.toBeInstanceOf(DamagedDocumentError);
    await expect(logs.compact(ref)).rejects.toBeInstanceOf(DamagedDocumentError); // re-reads everything
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });

  test('two processes appending and compacting one log lose nothing', async () => {
    const data = dir();
    const name = newWorkspace();
    const run = (client: number) =>
      new Promise<string>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', 'tests/sync-server/fixtures/append-worker.ts', data, name, '100', String(client)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d));
        p.stderr.on('data', (d: Buffer) => (out += d));
        p.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
      });
    await Promise.all([run(1), run(2)]);
    const { records } = await new DocLogs(data).load(parseDocName(name)!);
    const doc = new Y.Doc();
    for (const r of records) Y.applyUpdate(doc, r.update);
    expect(doc.getMap('m').size).toBe(200);
    expect(doc.store.pendingStructs).toBeNull();
  });

  test('a lock left by a dead process is taken over', async () => {
    const d = dir();
    const lock = join(d, 'x.lock');
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), nonce: 'dead', at: 0 }));
    expect(await withLock(lock, async () => 'ran', { timeoutMs: 2000 })).toBe('ran');
  });
});

describe('frame checks', () => {
  const limits = { maxAwarenessBytes: 1024 };
  const sync = (sub: number, payload: Uint8Array) => {
    const b = Buffer.alloc(payload.length + 8);
    let n = 0;
    b[n++] = 0;
    b[n++] = sub;
    let len = payload.length;
    do {
      b[n++] = (len & 0x7f) | (len > 0x7f ? 0x80 : 0);
      len >>>= 7;
    } while (len > 0);
    b.set(payload, n);
    return b.subarray(0, n + payload.length);
  };

  test('garbage is refused with BadFrame', () => {
    const [u1] = updates(1) as [Uint8Array];
    for (const bad of [Buffer.from([9]), Buffer.from([0, 7, 0]), sync(2, u1.subarray(0, u1.length - 2)), Buffer.from([0, 2, 5, 1, 2]), Buffer.from([])]) {
      expect(() => parseClientFrame(bad, limits)).toThrow(BadFrame);
    }
    expect(parseClientFrame(sync(2, u1), limits).kind).toBe('sync-update');
  });

  test('dependencies: a later update waits for the earlier one', () => {
    const [u1, u2] = updates(2, 9) as [Uint8Array, Uint8Array];
    const sv = new Map<number, number>();
    const state = (c: number) => sv.get(c) ?? 0;
    expect(dependenciesMet(analyzeUpdate(u2), state)).toBe(false);
    expect(dependenciesMet(analyzeUpdate(u1), state)).toBe(true);
    sv.set(9, 1);
    expect(dependenciesMet(analyzeUpdate(u2), state)).toBe(true);
    // An edit by another client on top of client 9's item refers to it (origin).
    const base = new Y.Doc();
    Y.applyUpdate(base, u1);
    const arr = new Y.Doc();
    arr.clientID = 11;
    Y.applyUpdate(arr, Y.encodeStateAsUpdate(base));
    const before = Y.encodeStateVector(arr);
    arr.getMap('m').set('k0', 'over'); // replaces client 9's entry: depends on it
    const u3 = Y.encodeStateAsUpdate(arr, before);
    expect(dependenciesMet(analyzeUpdate(u3), () => 0)).toBe(false);
    expect(dependenciesMet(analyzeUpdate(u3), (c) => (c === 9 ? 1 : 0))).toBe(true);
  });
});
