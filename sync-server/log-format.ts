// The on-disk framing of a document's update log. Pure functions over bytes, so the rules for
// "torn tail" vs "damaged" are tested without files.
//
//   file   = MAGIC fileId record*          fileId: 16 random bytes, new for every file written
//                                           (a compaction's rename can reuse an inode number, so
//                                           the id is how a reader knows it is the same file)
//   record = u32le length | u32le crc32(length bytes) | u32le crc32(payload) | payload
//   payload= u8 kind | Yjs update (v1)                            kind 1 = update, 2 = snapshot
//
// A writer appends a whole record with one write() and fsyncs before the change counts as stored.
// A process killed mid-write (or a machine losing its page cache) leaves at most a torn LAST
// record: a short header, a (checked) length running past the end of the file, or zeros. That
// tail is ignored on load and cut off by the next writer (under the lock). Anything else that
// does not check out, including a bad checksum on the last record, means the file is damaged:
// the document is refused, never rewritten. The length has its own checksum so that a flipped
// length bit is told apart from a write cut short (which would otherwise discard every record
// after it as "tail").
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const MAGIC = Buffer.from('ORCHYLG2', 'latin1');
export const FILE_ID = 16;
/** Bytes before the first record. */
export const FILE_HEADER = 8 + FILE_ID;
export const HEADER = 12;
/** A sanity bound, far above any frame the relay accepts. */
export const MAX_RECORD = 1 << 30;
export const KIND_UPDATE = 1;
export const KIND_SNAPSHOT = 2;

export interface LogRecord {
  kind: number;
  update: Uint8Array;
  /** Byte offset of the record's header in the file. */
  at: number;
}

export type LogParse =
  | { status: 'ok' | 'torn-tail'; records: LogRecord[]; validEnd: number; fileId?: string }
  | { status: 'damaged'; records: LogRecord[]; validEnd: number; reason: string; fileId?: string };

export const newFileHeader = () => Buffer.concat([MAGIC, randomBytes(FILE_ID)]);

export function encodeRecord(kind: number, update: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER + 1 + update.length);
  out.writeUInt32LE(1 + update.length, 0);
  out.writeUInt32LE(crc32(out.subarray(0, 4)), 4);
  out[HEADER] = kind;
  out.set(update, HEADER + 1);
  out.writeUInt32LE(crc32(out.subarray(HEADER)), 8);
  return out;
}

/**
 * Parses `buf`, the bytes of a log file from `fileOffset` on (0: the whole file; otherwise a record
 * boundary found by an earlier parse). Offsets in the result are file offsets. An empty file, or a
 * prefix of MAGIC, is an empty log whose creation was interrupted.
 */
export function parseLog(buf: Uint8Array, fileOffset = 0): LogParse {
  const whole = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const parsed = parseFrom(whole, fileOffset === 0);
  const shift = <T extends { validEnd: number; records: LogRecord[] }>(r: T): T => {
    if (fileOffset === 0) return r;
    return { ...r, validEnd: r.validEnd + fileOffset, records: r.records.map((x) => ({ ...x, at: x.at + fileOffset })) };
  };
  return shift(parsed);
}

function parseFrom(b: Buffer, withMagic: boolean): LogParse {
  const records: LogRecord[] = [];
  let pos = 0;
  let fileId: string | undefined;
  if (withMagic) {
    const m = Math.min(b.length, MAGIC.length);
    if (!b.subarray(0, m).equals(MAGIC.subarray(0, m))) return { status: 'damaged', records, validEnd: 0, reason: 'bad magic' };
    if (b.length < FILE_HEADER) return { status: b.length === 0 ? 'ok' : 'torn-tail', records, validEnd: 0 };
    fileId = b.toString('hex', MAGIC.length, FILE_HEADER);
    pos = FILE_HEADER;
  }
  while (pos < b.length) {
    const left = b.length - pos;
    if (left < HEADER || isZero(b, pos)) return { status: 'torn-tail', records, validEnd: pos, fileId };
    const len = b.readUInt32LE(pos);
    if (crc32(b.subarray(pos, pos + 4)) !== b.readUInt32LE(pos + 4) || len === 0 || len > MAX_RECORD) {
      return { status: 'damaged', records, validEnd: pos, reason: `bad record header at ${pos}`, fileId };
    }
    if (HEADER + len > left) return { status: 'torn-tail', records, validEnd: pos, fileId };
    const payload = b.subarray(pos + HEADER, pos + HEADER + len);
    if (crc32(payload) !== b.readUInt32LE(pos + 8)) {
      if (pos + HEADER + len === b.length && isZero(payload, 0)) return { status: 'torn-tail', records, validEnd: pos, fileId };
      return { status: 'damaged', records, validEnd: pos, reason: `checksum mismatch at ${pos}`, fileId };
    }
    const kind = payload[0] as number;
    if (kind !== KIND_UPDATE && kind !== KIND_SNAPSHOT) {
      return { status: 'damaged', records, validEnd: pos, reason: `unknown record kind ${kind} at ${pos}`, fileId };
    }
    records.push({ kind, update: payload.subarray(1), at: pos });
    pos += HEADER + len;
  }
  return { status: 'ok', records, validEnd: pos, fileId };
}

function isZero(b: Buffer, from: number): boolean {
  for (let i = from; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}
