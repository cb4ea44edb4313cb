// `backup` and `restore`. A backup may run while relays use the data dir: each document log is
// copied under its writer lock (so it is a state that existed: whole records, no torn tail), blobs
// are immutable once renamed into place, and temp files are skipped. Restore goes into a fresh
// directory next to the target, checks every log and blob hash, then renames it into place.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isWorkspaceId } from '../src/domain/sync/token';
import { DocLogs } from './doc-log';
import { blobsDir, docNameFromStem, docsDir, parseDocName, roomMetaPath, roomsDir, SHA256_RE, secretPath } from './layout';
import { parseLog } from './log-format';
import { copyEntry, readTar, TarWriter } from './tar';

export interface BackupSummary {
  rooms: number;
  docs: number;
  blobs: number;
  bytes: number;
  damaged: string[];
}

/** Relative paths a backup may contain; anything else in an archive is refused on restore. */
const ALLOWED = [
  /^secret$/,
  /^rooms\/[0-9a-f]{32}\/room\.json$/,
  /^rooms\/[0-9a-f]{32}\/docs\/(root|exp\.[A-Za-z0-9_-]{1,64})\.ylog$/,
  /^rooms\/[0-9a-f]{32}\/blobs\/[0-9a-f]{64}$/,
];

interface Sink {
  buffer(rel: string, data: Buffer): Promise<void>;
  file(rel: string, path: string, size: number): Promise<void>;
  finish(): Promise<void>;
}

export async function backup(dataDir: string, out: string, opts: { includeSecret: boolean }): Promise<BackupSummary> {
  const partial = `${out}.partial-${randomBytes(4).toString('hex')}`;
  const sink = out.endsWith('.tar') ? await tarSink(partial) : await dirSink(partial);
  const logs = new DocLogs(dataDir);
  const summary: BackupSummary = { rooms: 0, docs: 0, blobs: 0, bytes: 0, damaged: [] };
  try {
    if (opts.includeSecret) {
      const s = await readFile(secretPath(dataDir)).catch(() => null);
      if (s) await sink.buffer('secret', s);
    }
    for (const w of await list(roomsDir(dataDir))) {
      if (!isWorkspaceId(w)) continue;
      summary.rooms++;
      const meta = await readFile(roomMetaPath(dataDir, w)).catch(() => null);
      if (meta) await sink.buffer(`rooms/${w}/room.json`, meta);
      for (const f of await list(docsDir(dataDir, w))) {
        const m = /^(.+)\.ylog$/.exec(f);
        const name = m ? docNameFromStem(w, m[1] as string) : null;
        const ref = name ? parseDocName(name) : null;
        if (!ref) continue;
        const snap = await logs.snapshotBytes(ref);
        if (!snap) continue;
        if (snap.status === 'damaged') summary.damaged.push(ref.name);
        await sink.buffer(`rooms/${w}/docs/${f}`, snap.bytes);
        summary.docs++;
        summary.bytes += snap.bytes.length;
      }
      for (const f of await list(blobsDir(dataDir, w))) {
        if (!SHA256_RE.test(f)) continue; // temp files of uploads in progress
        const path = join(blobsDir(dataDir, w), f);
        const size = (await stat(path)).size;
        await sink.file(`rooms/${w}/blobs/${f}`, path, size);
        summary.blobs++;
        summary.bytes += size;
      }
    }
    await sink.finish();
    await rename(partial, out);
    return summary;
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw e;
  }
}

export async function restore(from: string, dataDir: string): Promise<BackupSummary> {
  if ((await list(dataDir)).length > 0) throw new Error(`${dataDir} is not empty; restore into a new directory`);
  const staging = `${dataDir}.restore-${randomBytes(4).toString('hex')}`;
  const summary: BackupSummary = { rooms: 0, docs: 0, blobs: 0, bytes: 0, damaged: [] };
  const rooms = new Set<string>();
  const put = async (rel: string, write: (fh: import('node:fs/promises').FileHandle) => Promise<void>) => {
    if (!ALLOWED.some((re) => re.test(rel))) throw new Error(`unexpected path in backup: ${JSON.stringify(rel.slice(0, 200))}`);
    const path = join(staging, rel);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const fh = await open(path, 'wx', 0o600);
    try {
      await write(fh);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await check(rel, path, summary);
    const w = /^rooms\/([0-9a-f]{32})\//.exec(rel)?.[1];
    if (w) rooms.add(w);
  };
  try {
    await mkdir(staging, { mode: 0o700 });
    if ((await stat(from)).isDirectory()) {
      for (const rel of await walk(from)) await put(rel, async (fh) => fh.writeFile(await readFile(join(from, rel))));
    } else {
      const fh = await open(from, 'r');
      try {
        for await (const e of readTar(fh)) {
          if (e.type !== '0') continue;
          await put(e.name, (out) => copyEntry(fh, e, out));
        }
      } finally {
        await fh.close();
      }
    }
    summary.rooms = rooms.size;
    await rmdir(dataDir).catch(() => undefined);
    await rename(staging, dataDir);
    return summary;
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

async function check(rel: string, path: string, summary: BackupSummary): Promise<void> {
  const size = (await stat(path)).size;
  summary.bytes += size;
  if (rel.endsWith('.ylog')) {
    summary.docs++;
    if (parseLog(await readFile(path)).status === 'damaged') summary.damaged.push(rel);
  } else if (/\/blobs\//.test(rel)) {
    summary.blobs++;
    const hash = createHash('sha256');
    for await (const c of createReadStream(path) as AsyncIterable<Buffer>) hash.update(c);
    if (hash.digest('hex') !== rel.slice(-64)) throw new Error(`blob ${rel} does not match its sha256`);
  }
}

async function tarSink(path: string): Promise<Sink> {
  await mkdir(dirname(path), { recursive: true });
  const fh = await open(path, 'wx', 0o600);
  const tar = new TarWriter(fh);
  return {
    buffer: (rel, data) => tar.addBuffer(rel, data),
    file: (rel, p, size) => tar.addFile(rel, p, size),
    finish: async () => {
      await tar.finish();
      await fh.sync();
      await fh.close();
    },
  };
}

async function dirSink(root: string): Promise<Sink> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  const target = async (rel: string) => {
    const p = join(root, rel);
    await mkdir(dirname(p), { recursive: true, mode: 0o700 });
    return p;
  };
  return {
    buffer: async (rel, data) => writeFile(await target(rel), data, { mode: 0o600 }),
    file: async (rel, p, size) => {
      const dest = await open(await target(rel), 'wx', 0o600);
      try {
        let n = 0;
        for await (const c of createReadStream(p) as AsyncIterable<Buffer>) {
          await dest.write(c);
          n += c.length;
        }
        if (n !== size) throw new Error(`${p} changed size while being copied`);
      } finally {
        await dest.close();
      }
    },
    finish: async () => undefined,
  };
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

async function walk(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(root, r)));
    else if (entry.isFile()) out.push(r);
  }
  return out;
}
