// The streaming ZIP writer: files come back byte for byte through fflate's unzip (whole-file and
// streaming), stored and deflated, UTF-8 names; past 65,535 entries it writes ZIP64 end records,
// which fflate and Python's zipfile (an independent reader, when python3 is here) both read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, Unzip, UnzipInflate, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { ZipStreamWriter } from '../../../src/domain/mlruns/export-zip';

async function build(add: (zip: ZipStreamWriter) => Promise<void>): Promise<{ bytes: Uint8Array; writes: number }> {
  const parts: Uint8Array[] = [];
  const zip = new ZipStreamWriter({ write: (c) => void parts.push(c.slice()) });
  await add(zip);
  await zip.finish();
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  expect(bytes.length).toBe(zip.bytesWritten);
  return { bytes, writes: parts.length };
}

const python = (() => {
  try {
    execFileSync('python3', ['-c', 'import zipfile'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('ZipStreamWriter', () => {
  test('stored and deflated files, chunked input, empty files and UTF-8 names round-trip', async () => {
    const big = new Uint8Array(3_000_000).map((_, i) => (i * 7) % 251);
    const { bytes, writes } = await build(async (zip) => {
      await zip.addFile('a.txt', ['hello ', 'world'], {});
      await zip.addFile('dir/b.bin', [big.subarray(0, 1_000_000), big.subarray(1_000_000)], { compress: false });
      await zip.addFile('dir/empty', [], {});
      await zip.addFile('naïve/数据.txt', ['ünïcødé'], { level: 1 });
    });
    expect(writes).toBeGreaterThan(1); // streamed, not one buffer at the end
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(['a.txt', 'dir/b.bin', 'dir/empty', 'naïve/数据.txt']);
    expect(strFromU8(files['a.txt'] as Uint8Array)).toBe('hello world');
    expect(Buffer.compare(files['dir/b.bin'] as Uint8Array, big)).toBe(0); // (toEqual walks 3M elements slowly)
    expect(files['dir/empty']).toEqual(new Uint8Array(0));
    expect(strFromU8(files['naïve/数据.txt'] as Uint8Array)).toBe('ünïcødé');

    // fflate's streaming reader, which relies on the local headers and data descriptors.
    const streamed: Record<string, Uint8Array[]> = {};
    const unzip = new Unzip((file) => {
      streamed[file.name] = [];
      file.ondata = (err, chunk) => {
        if (err) throw err;
        streamed[file.name]?.push(chunk);
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    unzip.push(bytes, true);
    expect(strFromU8(Uint8Array.from((streamed['naïve/数据.txt'] ?? []).flatMap((c) => [...c])))).toBe('ünïcødé');
  });

  test('one file at a time, nothing after finish()', async () => {
    const zip = new ZipStreamWriter({ write: () => undefined });
    const slow = (async function* () {
      await new Promise((r) => setTimeout(r, 5));
      yield 'x';
    })();
    const first = zip.addFile('a', slow, {});
    await expect(zip.addFile('b', ['y'], {})).rejects.toThrow(/one file at a time/);
    await first;
    await zip.finish();
    await expect(zip.addFile('c', ['z'], {})).rejects.toThrow();
  });

  test('more than 65,535 entries: ZIP64 end records, read back by fflate' + (python ? ' and by Python\'s zipfile' : ''), async () => {
    const n = 70_000;
    const { bytes } = await build(async (zip) => {
      for (let i = 0; i < n; i++) await zip.addFile(`f/${i}`, [String(i)], { compress: false });
    });
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toHaveLength(n);
    expect(strFromU8(files['f/69999'] as Uint8Array)).toBe('69999');
    if (python) {
      const path = join(mkdtempSync(join(tmpdir(), 'orchard-zip-')), 'many.zip');
      writeFileSync(path, bytes);
      const out = execFileSync('python3', ['-c', `import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1])\nprint(len(z.infolist()), z.testzip(), z.read('f/69999').decode())`, path]).toString().trim();
      expect(out).toBe(`${n} None 69999`);
    }
  }, 60_000);
});
