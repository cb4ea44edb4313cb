// Which artifacts are worth deflating. Images, archives, audio/video and columnar files are
// compressed already: deflating them again costs time (the zip's throughput) and saves ~nothing.

const ALREADY_COMPRESSED = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'heic',
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'lz4', 'br',
  'mp3', 'mp4', 'm4a', 'ogg', 'webm', 'mov', 'avi', 'mkv', 'flac',
  'parquet', 'orc', 'avro', 'npz', 'pt', 'pth', 'keras', 'h5', 'jar', 'whl', 'docx', 'xlsx', 'pptx', 'pdf',
]);

/** false for files whose extension says their bytes are compressed already. @example shouldDeflate('plots/loss.png') // false */
export function shouldDeflate(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 || !ALREADY_COMPRESSED.has(name.slice(dot + 1).toLowerCase());
}
