// Moving tensors across postMessage without copying them twice. A typed array that owns its whole
// ArrayBuffer can be transferred (the sender's copy is detached). A view into a larger buffer
// (one 2,000-row chunk of a 100,000-row batch) must not transfer that buffer - the caller's
// other rows would vanish, and structured clone would copy the whole buffer anyway - so it is
// first compacted into a buffer of its own. A view of a SharedArrayBuffer is sent as it is: the
// worker reads the caller's memory, no copy at all (the caller must not write it meanwhile).
import type { RunOutputs, TensorData, TensorValues } from './types';

function ownsWholeBuffer(a: ArrayBufferView): boolean {
  return a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
}

function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

function compact(data: TensorValues): TensorValues {
  if (Array.isArray(data) || ownsWholeBuffer(data) || isShared(data)) return data;
  return data.slice(); // a typed array's slice() copies into a new, exactly sized buffer
}

/** Feeds ready to send: views into larger ArrayBuffers are copied, the rest left as they are. */
export function compactFeeds(feeds: Record<string, TensorData>): Record<string, TensorData> {
  return Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, { ...t, data: compact(t.data) }]));
}

/** The distinct buffers that can be transferred with these values (postMessage throws on duplicates). */
export function transferableBuffers(values: Iterable<RunOutputs[string]>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const v of values) {
    if (v.dtype === 'sequence' || Array.isArray(v.data)) continue;
    if (ownsWholeBuffer(v.data)) buffers.add(v.data.buffer as ArrayBuffer);
  }
  return [...buffers];
}
