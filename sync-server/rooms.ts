// Rooms (one per workspace) and the tokens that open them. A room exists once its directory does:
// made by POST /api/rooms, by `mint`, or on the first authenticated connection (a valid token can
// only come from this relay's secret, so it implies the room).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { type TokenRole, isWorkspaceId, signToken } from '../src/domain/sync/token';
import { roomDir, roomMetaPath, roomsDir } from './layout';

export async function ensureRoom(dataDir: string, workspace: string): Promise<void> {
  await createRoom(dataDir, workspace).catch((e) => {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  });
}

/** Creates the room's directory (EEXIST if it is there already) and its room.json. */
export async function createRoom(dataDir: string, workspace: string): Promise<void> {
  if (!isWorkspaceId(workspace)) throw new Error('bad workspace id');
  await mkdir(roomsDir(dataDir), { recursive: true });
  await mkdir(roomDir(dataDir, workspace)); // the atomic "does it exist" decision
  await writeFile(roomMetaPath(dataDir, workspace), `${JSON.stringify({ workspace, createdAt: new Date().toISOString() })}\n`, { mode: 0o600 });
}

export const newWorkspaceId = () => randomBytes(16).toString('hex');

export async function issueToken(secret: string, workspace: string, role: TokenRole, ttlSeconds: number) {
  const now = Date.now();
  const token = await signToken(secret, { workspace, role, ttlSeconds, now });
  return { token, expiresAt: (Math.floor(now / 1000) + ttlSeconds) * 1000 };
}
