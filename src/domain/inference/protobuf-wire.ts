// The protobuf wire format (https://protobuf.dev/programming-guides/encoding/), only as much as
// ONNX needs here: walk a message's fields without decoding them, read varints, and write a
// length-delimited field. Enough to read TensorProto test data and to add a graph output to a
// ModelProto (zipmap.ts) without a 400 KB protobuf library in the worker.

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** One field of a message: its number, wire type, and where its payload lies in the buffer. */
export interface WireField {
  field: number;
  wireType: number;
  /** Offset of the field's tag: bytes [tagStart, end) are the whole field. */
  tagStart: number;
  /** The payload: a varint's bytes, the 4/8 fixed bytes, or a LEN field's content. */
  start: number;
  end: number;
}

/** Reads the varint at `pos` as a bigint (int64 fields may use all 64 bits). */
export function readVarint(bytes: Uint8Array, pos: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  for (let i = pos; i < bytes.length && i < pos + 10; i++) {
    const b = bytes[i] as number;
    value |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return { value, next: i + 1 };
    shift += 7n;
  }
  throw new Error(`protobuf: truncated varint at byte ${pos}`);
}

/** A varint that must fit a JS number (tags, lengths, enum values, small ints). */
export function readSmallVarint(bytes: Uint8Array, pos: number): { value: number; next: number } {
  const { value, next } = readVarint(bytes, pos);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`protobuf: varint too large at byte ${pos}`);
  return { value: Number(value), next };
}

/** The fields of the message in bytes [start, end), in wire order. Throws on malformed input. */
export function* fieldsOf(bytes: Uint8Array, start = 0, end = bytes.length): Generator<WireField> {
  let pos = start;
  while (pos < end) {
    const tagStart = pos;
    const tag = readSmallVarint(bytes, pos);
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value & 7;
    pos = tag.next;
    let payloadStart = pos;
    switch (wireType) {
      case WIRE_VARINT:
        pos = readVarint(bytes, pos).next;
        break;
      case WIRE_I64:
        pos += 8;
        break;
      case WIRE_I32:
        pos += 4;
        break;
      case WIRE_LEN: {
        const len = readSmallVarint(bytes, pos);
        payloadStart = len.next;
        pos = len.next + len.value;
        break;
      }
      default:
        throw new Error(`protobuf: unsupported wire type ${wireType} at byte ${tagStart}`);
    }
    if (field === 0 || pos > end) throw new Error(`protobuf: malformed field at byte ${tagStart}`);
    yield { field, wireType, tagStart, start: payloadStart, end: pos };
  }
}

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

export function readString(bytes: Uint8Array, f: WireField): string {
  return utf8.decode(bytes.subarray(f.start, f.end));
}

/**
 * The integers of a repeated varint field, whether packed (one LEN field) or not (one field per
 * value). Negative int64s are 10-byte two's-complement varints, hence BigInt.asIntN.
 */
export function readVarints(bytes: Uint8Array, f: WireField): bigint[] {
  if (f.wireType === WIRE_VARINT) return [BigInt.asIntN(64, readVarint(bytes, f.start).value)];
  const out: bigint[] = [];
  for (let pos = f.start; pos < f.end; ) {
    const v = readVarint(bytes, pos);
    out.push(BigInt.asIntN(64, v.value));
    pos = v.next;
  }
  return out;
}

function encodeVarint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** Encodes a LEN field: tag, length, payload. */
export function lenField(field: number, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? utf8Encoder.encode(payload) : payload;
  const head = [...encodeVarint(field * 8 + WIRE_LEN), ...encodeVarint(body.length)];
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

/** Encodes a varint field. */
export function varintField(field: number, value: number): Uint8Array {
  return Uint8Array.from([...encodeVarint(field * 8 + WIRE_VARINT), ...encodeVarint(value)]);
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
