// Metric chunks: the immutable, compressed, content-addressed unit in which metric points travel
// between peers (docs/sync-design.md). Points never go into Yjs one by one (measured: 50,000
// single-point appends took ~9 s); a chunk of up to 50,000 points is one blob named by its sha256.
//
// Bytes: "OMC" + version (1) | u32 LE uncompressed length | deflate(payload)
// payload: u32 LE header length | header JSON {run, hlc, keys:[{key, count, steps, timestamps}]}
//          | zero padding to 8 | per key: steps, timestamps, values as Float64 LE (count each)
// Integer-valued steps and timestamps (MLflow truncates both to int64) are stored as deltas
// (flag 1), which deflate shrinks to almost nothing for regular logging; values are stored raw.
// The `hlc` of the seal is inside, so logging the same points twice gives two different chunks.
import { deflateSync, inflateSync } from 'fflate';
import type { MetricColumns } from '../metric-history';

export const CHUNK_VERSION = 1;
/** Points per chunk, across its keys (the design's seal threshold). */
export const MAX_CHUNK_POINTS = 50_000;
/** Keys per chunk: a run logging thousands of keys seals several chunks rather than one huge header. */
export const MAX_CHUNK_KEYS = 1_000;
const MAX_HEADER_BYTES = 1 << 20;
const MAX_PAYLOAD_BYTES = 4 + MAX_HEADER_BYTES + 8 + MAX_CHUNK_POINTS * 24;
const MAGIC = [0x4f, 0x4d, 0x43]; // "OMC"

export interface ChunkSeries extends MetricColumns {
  key: string;
}

export interface MetricChunkContent {
  run: string;
  /** the seal's hybrid-clock stamp (makes equal point sets from two seals distinct) */
  hlc: string;
  keys: ChunkSeries[];
}

/** Bytes that are not a metric chunk this version can read (truncated, corrupt, too large). */
export class MetricChunkError extends Error {
  constructor(message: string) {
    super(`Not a valid metric chunk: ${message}`);
    this.name = 'MetricChunkError';
  }
}

interface HeaderKey {
  key: string;
  count: number;
  /** 1: stored as deltas of integers, 0: raw */
  steps: 0 | 1;
  timestamps: 0 | 1;
}

const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** True when every value and every difference of neighbours is a safe integer (deltas are exact). */
function deltaSafe(a: Float64Array): boolean {
  let prev = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    if (!Number.isSafeInteger(v) || !Number.isSafeInteger(v - prev)) return false;
    prev = v;
  }
  return true;
}

function writeColumn(out: Float64Array, at: number, src: Float64Array, delta: boolean): void {
  if (!delta) {
    out.set(src, at);
    return;
  }
  let prev = 0;
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    out[at + i] = v - prev;
    prev = v;
  }
}

export function encodeMetricChunk(content: MetricChunkContent): Uint8Array {
  const total = content.keys.reduce((n, k) => n + k.values.length, 0);
  if (total === 0) throw new MetricChunkError('a chunk needs at least one point');
  if (total > MAX_CHUNK_POINTS) throw new MetricChunkError(`${total} points (at most ${MAX_CHUNK_POINTS})`);
  if (content.keys.length > MAX_CHUNK_KEYS) throw new MetricChunkError(`${content.keys.length} keys (at most ${MAX_CHUNK_KEYS})`);
  const header: HeaderKey[] = content.keys.map((k) => {
    if (k.steps.length !== k.values.length || k.timestamps.length !== k.values.length) {
      throw new MetricChunkError(`columns of '${k.key}' differ in length`);
    }
    return { key: k.key, count: k.values.length, steps: deltaSafe(k.steps) ? 1 : 0, timestamps: deltaSafe(k.timestamps) ? 1 : 0 };
  });
  const json = new TextEncoder().encode(JSON.stringify({ run: content.run, hlc: content.hlc, keys: header }));
  const dataStart = align8(4 + json.length);
  const payload = new Uint8Array(dataStart + total * 24);
  new DataView(payload.buffer).setUint32(0, json.length, true);
  payload.set(json, 4);
  const floats = new Float64Array(total * 3);
  let at = 0;
  content.keys.forEach((k, i) => {
    const h = header[i] as HeaderKey;
    writeColumn(floats, at, k.steps, h.steps === 1);
    writeColumn(floats, at + h.count, k.timestamps, h.timestamps === 1);
    floats.set(k.values, at + 2 * h.count);
    at += 3 * h.count;
  });
  payload.set(toLittleEndianBytes(floats), dataStart);
  const compressed = deflateSync(payload, { level: 6 });
  const out = new Uint8Array(8 + compressed.length);
  out.set([...MAGIC, CHUNK_VERSION], 0);
  new DataView(out.buffer).setUint32(4, payload.length, true);
  out.set(compressed, 8);
  return out;
}

/** Decodes and validates; throws MetricChunkError for anything malformed, never returns garbage. */
export function decodeMetricChunk(bytes: Uint8Array): MetricChunkContent {
  if (bytes.length < 8) throw new MetricChunkError(`${bytes.length} bytes is too short`);
  if (bytes[0] !== MAGIC[0] || bytes[1] !== MAGIC[1] || bytes[2] !== MAGIC[2]) throw new MetricChunkError('wrong magic bytes');
  if (bytes[3] !== CHUNK_VERSION) throw new MetricChunkError(`version ${bytes[3]} is not supported (this build reads ${CHUNK_VERSION})`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (length < 12 || length > MAX_PAYLOAD_BYTES) throw new MetricChunkError(`declared size ${length} is out of range`);
  let payload: Uint8Array;
  try {
    // `out` bounds the output: a deflate bomb is cut at the declared size instead of filling memory.
    payload = inflateSync(bytes.subarray(8), { out: new Uint8Array(length) });
  } catch (e) {
    throw new MetricChunkError(`deflate data is corrupt (${e instanceof Error ? e.message : String(e)})`);
  }
  if (payload.length !== length) throw new MetricChunkError(`payload is ${payload.length} bytes, header says ${length}`);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const jsonLength = view.getUint32(0, true);
  if (jsonLength > MAX_HEADER_BYTES || 4 + jsonLength > length) throw new MetricChunkError('header length is out of range');
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(4, 4 + jsonLength)));
  } catch {
    throw new MetricChunkError('header is not JSON');
  }
  const { run, hlc, keys } = checkHeader(header);
  const total = keys.reduce((n, k) => n + k.count, 0);
  const dataStart = align8(4 + jsonLength);
  if (length !== dataStart + total * 24) throw new MetricChunkError(`payload holds ${length - dataStart} data bytes, header needs ${total * 24}`);
  const floats = fromLittleEndianBytes(payload.subarray(dataStart), total * 3);
  const series: ChunkSeries[] = [];
  let at = 0;
  for (const k of keys) {
    const steps = readColumn(floats, at, k.count, k.steps === 1);
    const timestamps = readColumn(floats, at + k.count, k.count, k.timestamps === 1);
    const values = floats.slice(at + 2 * k.count, at + 3 * k.count);
    series.push({ key: k.key, steps, timestamps, values });
    at += 3 * k.count;
  }
  return { run, hlc, keys: series };
}

function checkHeader(h: unknown): { run: string; hlc: string; keys: HeaderKey[] } {
  if (typeof h !== 'object' || h === null) throw new MetricChunkError('header is not an object');
  const { run, hlc, keys } = h as Record<string, unknown>;
  if (typeof run !== 'string' || run.length === 0 || run.length > 256) throw new MetricChunkError('run id is missing or too long');
  if (typeof hlc !== 'string' || hlc.length > 100) throw new MetricChunkError('seal stamp is missing');
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_CHUNK_KEYS) throw new MetricChunkError('key list is empty or too long');
  const seen = new Set<string>();
  let total = 0;
  const out: HeaderKey[] = keys.map((k: unknown) => {
    const { key, count, steps, timestamps } = (k ?? {}) as Record<string, unknown>;
    if (typeof key !== 'string' || key.length === 0 || key.length > 250) throw new MetricChunkError('a metric key is missing or too long');
    if (seen.has(key)) throw new MetricChunkError(`key '${key}' appears twice`);
    seen.add(key);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new MetricChunkError(`count of '${key}' is not a positive integer`);
    if ((steps !== 0 && steps !== 1) || (timestamps !== 0 && timestamps !== 1)) throw new MetricChunkError(`column flags of '${key}' are invalid`);
    total += count;
    return { key, count, steps, timestamps };
  });
  if (total > MAX_CHUNK_POINTS) throw new MetricChunkError(`${total} points (at most ${MAX_CHUNK_POINTS})`);
  return { run, hlc, keys: out };
}

function readColumn(floats: Float64Array, at: number, count: number, delta: boolean): Float64Array {
  const out = floats.slice(at, at + count);
  if (delta) for (let i = 1; i < count; i++) out[i] = (out[i] as number) + (out[i - 1] as number);
  return out;
}

const align8 = (n: number): number => (n + 7) & ~7;

function toLittleEndianBytes(floats: Float64Array): Uint8Array {
  if (littleEndian) return new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength);
  const out = new Uint8Array(floats.length * 8);
  const view = new DataView(out.buffer);
  floats.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return out;
}

function fromLittleEndianBytes(bytes: Uint8Array, count: number): Float64Array {
  const out = new Float64Array(count);
  if (littleEndian) {
    new Uint8Array(out.buffer).set(bytes.subarray(0, count * 8));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * 8);
  for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** The content address of a chunk (or any blob): lowercase hex sha256. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', view);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
