// A writer lock shared by relay processes on one data dir (and by backup). Node has no flock, so
// it is a lock FILE created with O_EXCL: whoever creates it owns it. A holder that died (kill -9)
// leaves the file behind; it is taken over when its pid is gone (same host) or it is older than
// `staleMs` (another host on a shared volume). Within one process a promise chain per path keeps
// our own writers from polling each other.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';

export interface LockOptions {
  /** Give up after this long (a stuck holder must not hang a request forever). */
  timeoutMs?: number;
  /** A lock file older than this is considered abandoned even if its pid cannot be checked. */
  staleMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  nonce: string;
  at: number;
}

const chains = new Map<string, Promise<unknown>>();
const HOST = hostname();

export async function withLock<T>(lockPath: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const prev = chains.get(lockPath) ?? Promise.resolve();
  const run = prev.catch(() => undefined).then(async () => {
    const nonce = await acquire(lockPath, opts.timeoutMs ?? 30_000, opts.staleMs ?? 60_000);
    try {
      return await fn();
    } finally {
      await release(lockPath, nonce);
    }
  });
  chains.set(lockPath, run);
  try {
    return await run;
  } finally {
    if (chains.get(lockPath) === run) chains.delete(lockPath);
  }
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<string> {
  const nonce = randomBytes(8).toString('hex');
  const body = JSON.stringify({ pid: process.pid, host: HOST, nonce, at: Date.now() } satisfies Holder);
  const deadline = Date.now() + timeoutMs;
  let wait = 1;
  for (;;) {
    try {
      const fh = await open(lockPath, 'wx', 0o600);
      try {
        await fh.writeFile(body);
      } finally {
        await fh.close();
      }
      return nonce;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readHolder(lockPath);
    // An unreadable lock is one being written right now, or one whose writer died before writing.
    if (holder ? await isAbandoned(lockPath, holder, staleMs) : await olderThan(lockPath, staleMs)) {
      await takeOver(lockPath, holder?.nonce);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockPath} (held by pid ${holder?.pid ?? '?'})`);
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 25);
  }
}

async function readHolder(lockPath: string): Promise<Holder | null> {
  try {
    const h = JSON.parse(await readFile(lockPath, 'utf8')) as Holder;
    return typeof h.pid === 'number' && typeof h.nonce === 'string' ? h : null;
  } catch {
    return null; // vanished, or being written right now: look again next round
  }
}

async function isAbandoned(lockPath: string, h: Holder, staleMs: number): Promise<boolean> {
  if (h.host === HOST) {
    // Our own pid: a predecessor's (a restarted container), since this process serialises its own
    // lock holders in memory. A live process on this host is never taken over, however long it
    // holds the lock (a long compaction would otherwise rename over records appended meanwhile).
    if (h.pid === process.pid) return true;
    try {
      process.kill(h.pid, 0);
      return false;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
    }
  }
  return olderThan(lockPath, staleMs);
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return false;
  }
}

// Two processes may both decide a lock is abandoned; the rename is atomic, so exactly one of them
// moves any given file aside. If what we moved aside is not the holder we judged (a fresh lock
// taken in between), put it back with link(), which fails rather than overwrite.
async function takeOver(lockPath: string, judgedNonce: string | undefined): Promise<void> {
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  const moved = await readHolder(aside);
  if ((moved?.nonce) !== judgedNonce) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function release(lockPath: string, nonce: string): Promise<void> {
  const holder = await readHolder(lockPath);
  if (holder?.nonce === nonce) await unlink(lockPath).catch(() => undefined);
}
