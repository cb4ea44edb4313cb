// Which preview an artifact gets, decided from its name and size alone, before any byte is read.
// Sizes matter as much as names: a 200 MB log or CSV must never be read whole into the tab, so
// every text-like kind reads at most PREVIEW_READ_BYTES from the start of the file (a Blob slice)
// and says it did. Kinds that cannot be shown partially (images, pretty-printed JSON, sandboxed
// HTML, the MLmodel summary) have a size ceiling above which they fall back to text or download.

export type PreviewKind = 'image' | 'text' | 'json' | 'table' | 'html' | 'mlmodel' | 'download' | 'sniff';

export interface PreviewPlan {
  kind: PreviewKind;
  /** Bytes to read from the start of the file (the whole file when it fits). */
  readBytes: number;
  /** True when readBytes < the file's size: the view must say it shows only the first part. */
  partial: boolean;
  /** 'table' only: the field separator. */
  delimiter?: ',' | '\t';
  /**
   * Set when the file is past the size ceiling of its natural preview, which it names: JSON,
   * HTML and MLmodel files are then shown as text, an image is offered as a download.
   */
  tooLargeFor?: 'json' | 'html' | 'mlmodel' | 'image';
}

/** How much of a text-like file a preview reads: enough to be useful, cheap to decode and lay out. */
export const PREVIEW_READ_BYTES = 1024 * 1024;
/** How much an extension-less file's start is checked for binary bytes before showing it as text. */
export const SNIFF_BYTES = 8 * 1024;
/** Images are decoded whole; past this they are a download. */
export const IMAGE_PREVIEW_MAX_BYTES = 32 * 1024 * 1024;
/** HTML is rendered whole (in a sandboxed frame); past this its source is shown as text. */
export const HTML_PREVIEW_MAX_BYTES = 4 * 1024 * 1024;

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  svg: 'image/svg+xml',
};

// Text formats MLflow users log: logs, code, configs, requirements, markdown, notebooks' exports.
const TEXT_EXTENSIONS = new Set([
  'txt', 'log', 'out', 'err', 'md', 'markdown', 'rst', 'py', 'r', 'sh', 'bash', 'js', 'ts', 'sql',
  'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'properties', 'env', 'xml', 'jsonl', 'ndjson', 'diff',
  'patch', 'java', 'scala', 'c', 'h', 'cpp', 'go', 'rs', 'tex', 'css', 'dockerfile', 'lock', 'gitignore',
]);

// Known binary formats: never worth sniffing, always a download.
const BINARY_EXTENSIONS = new Set([
  'bin', 'pkl', 'pickle', 'pt', 'pth', 'ckpt', 'onnx', 'h5', 'hdf5', 'keras', 'pb', 'npy', 'npz',
  'parquet', 'feather', 'arrow', 'avro', 'orc', 'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'tar',
  'whl', 'jar', 'so', 'dll', 'exe', 'pdf', 'mp3', 'wav', 'ogg', 'flac', 'mp4', 'webm', 'mov', 'avi',
  'safetensors', 'joblib', 'db', 'sqlite', 'tflite', 'mlmodel', 'xgb', 'ubj', 'cbm', 'tiff', 'tif',
]);

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Lower-case extension without the dot; '' for `MLmodel`, `LICENSE`, `.gitignore`-style names count. */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The MIME type an <img> needs (artifacts are stored without one; SVG is not sniffed). */
export function imageMimeType(path: string): string | undefined {
  return IMAGE_TYPES[extensionOf(path)];
}

function text(size: number, tooLargeFor?: PreviewPlan['tooLargeFor']): PreviewPlan {
  const readBytes = Math.min(size, PREVIEW_READ_BYTES);
  return { kind: 'text', readBytes, partial: readBytes < size, ...(tooLargeFor ? { tooLargeFor } : {}) };
}

function whole(kind: PreviewKind, size: number): PreviewPlan {
  return { kind, readBytes: size, partial: false };
}

/**
 * @example planPreview('logs/train.log', 200e6) // { kind: 'text', readBytes: 1048576, partial: true }
 * @example planPreview('model/MLmodel', 512)   // { kind: 'mlmodel', readBytes: 512, partial: false }
 */
export function planPreview(path: string, size: number): PreviewPlan {
  const ext = extensionOf(path);
  // MLflow's model descriptor has no extension; it is YAML, so a huge one is still readable as text.
  if (baseName(path) === 'MLmodel') return size <= PREVIEW_READ_BYTES ? whole('mlmodel', size) : text(size, 'mlmodel');
  if (IMAGE_TYPES[ext]) return size <= IMAGE_PREVIEW_MAX_BYTES ? whole('image', size) : { kind: 'download', readBytes: 0, partial: false, tooLargeFor: 'image' };
  if (ext === 'json' || ext === 'ipynb') return size <= PREVIEW_READ_BYTES ? whole('json', size) : text(size, 'json');
  if (ext === 'csv' || ext === 'tsv') {
    const readBytes = Math.min(size, PREVIEW_READ_BYTES);
    return { kind: 'table', readBytes, partial: readBytes < size, delimiter: ext === 'tsv' ? '\t' : ',' };
  }
  if (ext === 'html' || ext === 'htm') return size <= HTML_PREVIEW_MAX_BYTES ? whole('html', size) : text(size, 'html');
  if (TEXT_EXTENSIONS.has(ext)) return text(size);
  if (BINARY_EXTENSIONS.has(ext)) return { kind: 'download', readBytes: 0, partial: false };
  // No extension (LICENSE, Dockerfile, MLflow's registered_model_meta) or an unknown one: look at
  // the first bytes and decide with planAfterSniff.
  return { kind: 'sniff', readBytes: Math.min(size, SNIFF_BYTES), partial: size > SNIFF_BYTES };
}

/** The plan for a 'sniff' file once its first bytes are known. */
export function planAfterSniff(size: number, head: Uint8Array): PreviewPlan {
  return looksLikeText(head) ? text(size) : { kind: 'download', readBytes: 0, partial: false };
}

/**
 * Text if there is no NUL byte and the bytes decode as UTF-8 (a multi-byte character cut at the
 * end of the sample is fine). Control characters other than tab, newline, CR, form feed and ESC
 * (ANSI colours in logs) count against it: more than 1 in 100 means binary.
 */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  let control = 0;
  for (const b of head) if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  return control * 100 <= head.length;
}
