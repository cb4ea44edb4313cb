// Who is online and what they are looking at: Yjs awareness on the root document's connection.
// Our local state is { user: { name, color }, peer, view }; other peers' states are read back
// defensively, since any client of the room can put anything there.
import type { WebsocketProvider } from 'y-websocket';

type Awareness = WebsocketProvider['awareness'];

export interface PeerPresence {
  /** the Yjs client id of that peer's connection (unique per tab and document) */
  clientId: number;
  peer: string;
  name: string;
  color: string;
  /** the app path the peer has open, or null */
  view: string | null;
}

export interface LocalUser {
  name: string;
  color?: string;
}

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#808000'];

/** A stable colour for a peer, so the same person keeps one colour on every screen. */
export function colorFor(peer: string): string {
  let h = 0;
  for (const c of peer) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length] as string;
}

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);
/** only plain hex colours from other peers: the value ends up in a style attribute */
const hexColor = (v: unknown): string | undefined => (typeof v === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(v) ? v : undefined);

export class Presence {
  constructor(
    private readonly awareness: Awareness,
    peer: string,
    user: LocalUser,
  ) {
    awareness.setLocalState({ user: { name: user.name, color: user.color ?? colorFor(peer) }, peer, view: null });
  }

  setView(path: string | null): void {
    this.awareness.setLocalStateField('view', path);
  }

  /** Everyone else in the room, ordered by name. */
  peers(): PeerPresence[] {
    const out: PeerPresence[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID || typeof state !== 'object' || state === null) continue;
      const s = state as { user?: { name?: unknown; color?: unknown }; peer?: unknown; view?: unknown };
      const peer = text(s.peer, 64) ?? '';
      out.push({
        clientId,
        peer,
        name: text(s.user?.name, 200) ?? 'anonymous',
        color: hexColor(s.user?.color) ?? colorFor(peer),
        view: text(s.view, 2000) ?? null,
      });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.clientId - b.clientId));
  }

  /** Hears joins, leaves and view changes of other peers. */
  onChange(listener: (peers: PeerPresence[]) => void): () => void {
    const handler = (): void => listener(this.peers());
    this.awareness.on('change', handler);
    return () => this.awareness.off('change', handler);
  }
}
