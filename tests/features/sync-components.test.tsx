// The sharing UI's components in jsdom, fed by a hand-made sync handle: what peers send (names,
// views, activity lines) is shown as text and never becomes markup or a foreign link; the header
// status says each state; the QR code is SVG rects.
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, describe, expect, test } from 'vitest';
import type { Activity, PeerPresence, SyncConfig, SyncHandle, SyncStatus } from '../../src/sdk/sync';
import { ObservableValue } from '../../src/sync/observable';
import { ActivityPanel } from '../../src/features/sync/ActivityPanel';
import { PeersPanel } from '../../src/features/sync/PeersPanel';
import { PresenceAvatars } from '../../src/features/sync/PresenceAvatars';
import { QrCode } from '../../src/features/sync/QrCode';
import { SyncProvider } from '../../src/features/sync/sync-context';
import { SyncStatusBadge } from '../../src/features/sync/SyncStatusBadge';
import type { JSX } from 'solid-js';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function fakeHandle() {
  const status = new ObservableValue<SyncStatus | undefined>(undefined);
  const peers = new ObservableValue<readonly PeerPresence[]>([]);
  const activity = new ObservableValue<readonly Activity[]>([]);
  const config = new ObservableValue<SyncConfig | undefined>(undefined);
  const views: string[] = [];
  const handle: SyncHandle = {
    status,
    peers,
    activity,
    config,
    setView: (path) => void views.push(path),
    fetchArtifact: async () => undefined,
    share: async () => undefined,
    leave: async () => undefined,
    stop: async () => undefined,
  };
  return { handle, status, peers, activity, config, views };
}

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
  document.body.innerHTML = '';
});

function mount(handle: SyncHandle, view: () => JSX.Element): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  const history = createMemoryHistory();
  history.set({ value: '/' });
  dispose = render(
    () => (
      <SyncProvider handle={handle}>
        <MemoryRouter history={history}>
          <Route path="*" component={view} />
        </MemoryRouter>
      </SyncProvider>
    ),
    host,
  );
  return host;
}

const status = (s: Partial<SyncStatus>): SyncStatus => ({ state: 'connected', pendingItems: 0, unshared: 0, received: true, offlineSince: null, synced: true, lastSyncedAt: 0, role: 'read-write', ...s });
const peer = (p: Partial<PeerPresence>): PeerPresence => ({ clientId: 1, peer: 'aa'.repeat(8), name: 'Ada Lovelace', color: '#4363d8', view: '/experiments/1', ...p });

describe('the header status', () => {
  test('"Share" while not shared, then each state as it changes, with the read-only badge', () => {
    const f = fakeHandle();
    const host = mount(f.handle, () => <SyncStatusBadge />);
    expect(host.querySelector('a.share-button')?.textContent).toBe('Share');
    expect(host.querySelector('a.share-button')?.getAttribute('href')).toBe('/sync');

    f.status.set(status({ state: 'connected', pendingItems: 3, synced: false }));
    expect(host.querySelector('.sync-status-text')?.textContent).toBe('Syncing 3 items');
    expect(host.querySelector('.sync-status')?.getAttribute('data-tone')).toBe('busy');
    expect(host.querySelector('.sync-read-only')).toBeNull();

    f.status.set(status({ state: 'offline', offlineSince: new Date(2025, 0, 1, 8, 30, 0).getTime(), role: 'read-only' }));
    expect(host.querySelector('.sync-status-text')?.textContent).toBe('Offline since 08:30:00');
    expect(host.querySelector('.sync-read-only')?.textContent).toBe('read-only');

    f.status.set(status({ state: 'unauthorized', error: `The relay refused this device (4401): ${HOSTILE}` }));
    expect(host.querySelector('.sync-status-text')?.textContent).toBe(`Unauthorized: The relay refused this device (4401): ${HOSTILE}`);
    expect(host.querySelector('img')).toBeNull();

    f.status.set(status({ state: 'detached' }));
    expect(host.querySelector('.sync-status-text')?.textContent).toBe('Detached');
    expect(host.querySelector('.sync-read-only')).toBeNull();
  });
});

describe('what peers send is text, and only app paths are links', () => {
  test('presence avatars', () => {
    const f = fakeHandle();
    const host = mount(f.handle, () => <PresenceAvatars />);
    expect(host.querySelector('.presence')).toBeNull();
    f.peers.set([
      peer({ clientId: 1, name: HOSTILE, view: 'javascript:window.__pwned=1' }),
      peer({ clientId: 2, name: 'Grace Hopper', view: '/runs/0123456789abcdef' }),
      peer({ clientId: 3, name: 'Eve', view: '//evil.example/phish' }),
    ]);
    const avatars = [...host.querySelectorAll<HTMLAnchorElement>('.presence a.avatar')];
    expect(avatars.map((a) => a.textContent)).toEqual(['<O', 'GH', 'E']);
    expect(avatars.map((a) => a.getAttribute('href'))).toEqual(['/sync', '/runs/0123456789abcdef', '/sync']);
    expect(avatars[0]?.getAttribute('title')).toBe(`${HOSTILE}: looking at somewhere in Orchard`);
    expect(avatars[1]?.getAttribute('title')).toBe('Grace Hopper: looking at run 01234567');
    expect(avatars[1]?.style.borderColor).not.toBe('');
    expect(host.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  test('the peers panel', () => {
    const f = fakeHandle();
    const host = mount(f.handle, () => <PeersPanel />);
    expect(host.textContent).toContain('Nobody else has this workspace open');
    f.peers.set([peer({ name: HOSTILE, view: 'javascript:alert(1)' }), peer({ clientId: 2, name: 'Grace', view: '/models/wine' })]);
    const items = [...host.querySelectorAll('.peer-item')];
    expect(items[0]?.querySelector('.peer-name')?.textContent).toBe(HOSTILE);
    expect(items[0]?.querySelector('a')).toBeNull();
    expect(items[0]?.querySelector('.peer-view')?.textContent).toBe('somewhere in Orchard');
    expect(items[1]?.querySelector('a.peer-view')?.getAttribute('href')).toBe('/models/wine');
    expect(items[1]?.querySelector('a.peer-view')?.textContent).toBe('model wine');
    expect(host.querySelector('img')).toBeNull();
  });

  test('activity lines, newest first as the session keeps them', () => {
    const f = fakeHandle();
    const host = mount(f.handle, () => <ActivityPanel />);
    expect(host.textContent).toContain('Nothing yet in this session');
    f.activity.set([
      { at: 2, peer: 'p', user: 'Eve', text: `Eve created run "${HOSTILE}"`, href: 'javascript:window.__pwned=1' },
      { at: 1, peer: 'q', user: 'Ada', text: 'Ada created experiment "iris"', href: '/experiments/7' },
    ]);
    const items = [...host.querySelectorAll('.activity-item')];
    expect(items.map((i) => i.querySelector('.activity-text')?.textContent)).toEqual([`Eve created run "${HOSTILE}"`, 'Ada created experiment "iris"']);
    expect(items[0]?.querySelector('a')).toBeNull();
    expect(items[1]?.querySelector('a')?.getAttribute('href')).toBe('/experiments/7');
    expect(host.querySelector('img')).toBeNull();
  });
});

describe('the QR code', () => {
  test('is SVG rects on a light square, labelled for screen readers', () => {
    const f = fakeHandle();
    const host = mount(f.handle, () => <QrCode text="http://127.0.0.1:4173/join#relay=x&token=y" label="QR code of the invite link" />);
    const svg = host.querySelector('svg.qr-code');
    expect(svg?.getAttribute('aria-label')).toBe('QR code of the invite link');
    expect(svg?.getAttribute('role')).toBe('img');
    const size = Number(svg?.getAttribute('viewBox')?.split(' ')[2]);
    expect(host.querySelector('rect.qr-light')?.getAttribute('width')).toBe(String(size));
    const dark = [...host.querySelectorAll('rect.qr-dark')];
    expect(dark.length).toBeGreaterThan(50);
    expect(dark.every((r) => r.getAttribute('height') === '1')).toBe(true);
    expect(host.querySelectorAll('svg *:not(rect)').length).toBe(0);
  });
});
