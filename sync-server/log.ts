// Structured logs: one JSON object per line on stdout. Callers pass ids, sizes, codes and reasons;
// never document contents, update bytes or tokens (a token is a bearer credential).
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(min: Level = 'info', write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const emit = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[min]) return;
    write(`${JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields })}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** An error as loggable fields: its message only (stack traces of ours carry no user data, but keep lines short). */
export const errorFields = (e: unknown): Record<string, unknown> => ({ error: e instanceof Error ? e.message : String(e) });

/**
 * Hocuspocus reports problems with console.error/log (some with whole error objects). Route them
 * through the JSON log as one short message string, so stdout stays machine-readable.
 */
export function captureConsole(log: Logger): void {
  const fmt = (args: unknown[]) =>
    args
      .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : typeof a))
      .join(' ')
      .slice(0, 300);
  console.error = (...args: unknown[]) => log.warn('hocuspocus', { detail: fmt(args) });
  console.warn = (...args: unknown[]) => log.warn('hocuspocus', { detail: fmt(args) });
  console.log = (...args: unknown[]) => log.debug('hocuspocus', { detail: fmt(args) });
}
