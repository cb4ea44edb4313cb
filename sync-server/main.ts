// `npm run relay [-- flags]`            serve (see README.md for flags and environment)
// `npm run relay -- mint --workspace W --role read-only --ttl 3600 [--data-dir D | --secret S]`
// `npm run relay -- backup --data-dir D --out backup.tar|dir [--no-secret]`
// `npm run relay -- restore --from backup.tar|dir --data-dir D`
import { parseArgs } from 'node:util';
import { isWorkspaceId, type TokenRole } from '../src/domain/sync/token';
import { backup, restore } from './backup';
import { defaultDataDir, loadConfig, loadOrCreateSecret } from './config';
import { captureConsole, createLogger, errorFields } from './log';
import { ensureRoom, issueToken, newWorkspaceId } from './rooms';
import { startRelay } from './server';

async function serve(argv: string[]): Promise<void> {
  const cfg = await loadConfig(argv);
  const log = createLogger(cfg.logLevel);
  captureConsole(log);
  // Hocuspocus fires some hooks without awaiting them; a rejection there must not end the process
  // (Node's default), and a bug triggered by one socket's bytes must not take every room down.
  process.on('unhandledRejection', (e) => log.error('unhandled rejection', errorFields(e)));
  process.on('uncaughtException', (e) => log.error('uncaught exception', errorFields(e)));
  const relay = await startRelay(cfg, log);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('signal', { signal });
    relay.close().then(
      () => process.exit(0),
      (e) => {
        log.error('shutdown failed', errorFields(e));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function mint(argv: string[]): Promise<void> {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: { workspace: { type: 'string' }, role: { type: 'string' }, ttl: { type: 'string' }, 'data-dir': { type: 'string' }, secret: { type: 'string' }, json: { type: 'boolean' } },
  });
  const workspace = v.workspace ?? newWorkspaceId();
  if (!isWorkspaceId(workspace)) throw new Error('--workspace must be 32 lowercase hex characters');
  const role = (v.role ?? 'read-write') as TokenRole;
  if (role !== 'read-write' && role !== 'read-only') throw new Error("--role must be 'read-write' or 'read-only'");
  const ttl = Number(v.ttl ?? 30 * 86400);
  const dataDir = v['data-dir'] ?? defaultDataDir();
  const secret = v.secret ?? process.env.ORCHARD_RELAY_SECRET ?? (await loadOrCreateSecret(dataDir));
  await ensureRoom(dataDir, workspace);
  const { token, expiresAt } = await issueToken(secret, workspace, role, ttl);
  process.stdout.write(v.json ? `${JSON.stringify({ workspace, role, token, expiresAt })}\n` : `${token}\n`);
}

async function backupCmd(argv: string[]): Promise<void> {
  const { values: v } = parseArgs({ args: argv, strict: true, options: { 'data-dir': { type: 'string' }, out: { type: 'string' }, 'no-secret': { type: 'boolean' } } });
  if (!v.out) throw new Error('--out is required (a .tar file or a directory)');
  const summary = await backup(v['data-dir'] ?? defaultDataDir(), v.out, { includeSecret: !v['no-secret'] });
  process.stdout.write(`${JSON.stringify({ backup: v.out, ...summary })}\n`);
}

async function restoreCmd(argv: string[]): Promise<void> {
  const { values: v } = parseArgs({ args: argv, strict: true, options: { 'data-dir': { type: 'string' }, from: { type: 'string' } } });
  if (!v.from || !v['data-dir']) throw new Error('--from and --data-dir are required');
  const summary = await restore(v.from, v['data-dir']);
  process.stdout.write(`${JSON.stringify({ restored: v['data-dir'], ...summary })}\n`);
}

const [cmd, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: string[]) => Promise<void>> = { mint, backup: backupCmd, restore: restoreCmd };
const run = cmd !== undefined && commands[cmd] ? commands[cmd](rest) : serve(process.argv.slice(2));
run.catch((e) => {
  process.stderr.write(`orchard-relay: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
