// What the readers of an mlruns tree share: how they get a file's bytes (already read by the
// caller; undefined when the file could not be read, which the caller has reported), how they
// report a problem with one file, and the key-per-file folders (params/, tags/) every entity has.
// Import validates for sanity, not for logging rules: MLflow's file store wrote these values, so
// a key must be a valid MLflow name and a value plain text of reasonable size, nothing more (a
// log-model history tag may be far above the 8,000 characters a new tag may have).
import { MlflowError } from '../errors';
import { limitLength, validateKey, LIMITS } from '../validation';
import type { KeyFile } from './layout';

export type FileBytes = (path: string) => Uint8Array | undefined;
/** Reports a problem with one file; `kept` when the file was still used (in part), else it was left out. */
export type Warn = (path: string, message: string, kept?: boolean) => void;

/** A value above this is not a plausible MLflow value: refused rather than stored. */
export const MAX_VALUE_CHARS = 1024 * 1024;

const utf8 = new TextDecoder('utf-8');

export function textOf(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Runs `read`; a thrown error becomes a warning for `path` and `undefined`. */
export function attempt<T>(path: string, warn: Warn, read: () => T, what = ''): T | undefined {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof MlflowError)) throw e;
    warn(path, `${what}${messageOf(e)}`);
    return undefined;
  }
}

/**
 * params/, tags/ and similar folders: one file per key, the file's text is the value.
 * Bad keys and oversized values are reported and left out.
 */
export function readKeyValues(files: readonly KeyFile[], kind: 'parameter' | 'tag', bytesOf: FileBytes, warn: Warn): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) {
    const bytes = bytesOf(f.path);
    if (!bytes) continue;
    const key = attempt(f.path, warn, () => limitLength(`${kind === 'tag' ? 'Tag' : 'Param'} key`, LIMITS.entityKey, validateKey(kind, f.key)), 'skipped: ');
    if (key === undefined) continue;
    const value = textOf(bytes);
    if (value.length > MAX_VALUE_CHARS) {
      warn(f.path, `skipped: the value has ${value.length.toLocaleString('en')} characters, more than any MLflow ${kind} value (${MAX_VALUE_CHARS.toLocaleString('en')}).`);
      continue;
    }
    out[key] = value;
  }
  return out;
}
