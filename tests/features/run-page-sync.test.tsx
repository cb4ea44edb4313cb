// The run page in a shared workspace, in jsdom with stand-ins for the client and the sync handle:
// a peer's artifact says "on the relay · size", is fetched with a progress bar when opened, then
// previewed; a not-yet-uploaded one waits and retries by itself; one that cannot be fetched says
// why with a way to try again. A param logged differently by peers shows a warning with who
// logged what, and values from peers stay text.
import { render } from 'solid-js/web';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { JSX } from 'solid-js';
import type { MlflowClient, Workspace } from '../../src/sdk/index';
import { ArtifactFetchError, type FetchProgressListener, type SyncHandle } from '../../src/sdk/sync';
import { ObservableValue } from '../../src/sync/observable';
import { ArtifactPreview } from '../../src/features/run-page/ArtifactPreview';
import { ParamsSection } from '../../src/features/run-page/ParamsSection';
import { SyncProvider } from '../../src/features/sync/sync-context';
import { WorkspaceProvider } from '../../src/ui/workspace-context';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const RUN = 'a'.repeat(32);

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

/** The handle's fetch, driven by the test: each call waits for the test to report and settle it. */
function fakeSync() {
  const calls: Array<{ path: string; progress: FetchProgressListener | undefined; resolve: () => void; reject: (e: unknown) => void }> = [];
  const handle: SyncHandle = {
    status: new ObservableValue(undefined),
    peers: new ObservableValue([]),
    activity: new ObservableValue([]),
    config: new ObservableValue(undefined),
    setView: () => undefined,
    fetchArtifact: (_runId, path, progress) => new Promise<void>((resolve, reject) => void calls.push({ path, progress, resolve, reject })),
    share: async () => undefined,
    leave: async () => undefined,
    stop: async () => undefined,
  };
  return { handle, calls };
}

/** A client whose one artifact's bytes arrive when `arrive()` is called. */
function fakeClient(text: string) {
  const state = { here: false };
  const client = {
    hasArtifactBytes: async () => state.here,
    downloadArtifact: async () => {
      if (!state.here) throw new Error('not in this workspace yet');
      return new Blob([text]);
    },
  } as unknown as MlflowClient;
  return { client, arrive: () => (state.here = true) };
}

function mount(client: MlflowClient, handle: SyncHandle, view: () => JSX.Element): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  dispose = render(
    () => (
      <WorkspaceProvider workspace={{} as Workspace} client={client}>
        <SyncProvider handle={handle}>{view()}</SyncProvider>
      </WorkspaceProvider>
    ),
    host,
  );
  return host;
}

const settle = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe("a peer's artifact", () => {
  test('says it is on the relay, shows the bytes arriving, then the preview', async () => {
    const { client, arrive } = fakeClient('hello from Ada\n');
    const { handle, calls } = fakeSync();
    const fetched = vi.fn();
    const host = mount(client, handle, () => <ArtifactPreview runId={RUN} path="notes/readme.txt" size={2048} onFetched={fetched} />);
    await settle(() => calls.length === 1);
    expect(host.querySelector('.artifact-size')?.textContent).toBe('on the relay · 2.0 KB');
    expect(host.querySelector('.artifact-preview')?.getAttribute('data-bytes')).toBe('on-relay');
    expect(host.querySelector('.fetch-progress-bytes')?.textContent).toBe('0 B of 2.0 KB');

    calls[0]?.progress?.({ loaded: 1024, total: 2048 });
    await settle(() => host.querySelector('.fetch-progress-bytes')?.textContent === '1.0 KB of 2.0 KB');
    const bar = host.querySelector<HTMLProgressElement>('.fetch-progress progress');
    expect(bar?.value).toBe(1024);
    expect(bar?.max).toBe(2048);
    expect(host.querySelector<HTMLButtonElement>('.download-button')?.disabled).toBe(true);

    arrive();
    calls[0]?.resolve();
    await settle(() => host.querySelector('.text-preview') !== null);
    expect(host.querySelector('.text-preview')?.textContent).toBe('hello from Ada\n');
    expect(host.querySelector('.fetch-progress')).toBeNull();
    expect(host.querySelector('.artifact-size')?.textContent).toBe('2.0 KB');
    expect(fetched).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
  });

  test('not uploaded yet: says so and tries again by itself', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, arrive } = fakeClient('a,b\n1,2\n');
    const { handle, calls } = fakeSync();
    const host = mount(client, handle, () => <ArtifactPreview runId={RUN} path="data.csv" size={8} />);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    calls[0]?.reject(new ArtifactFetchError('not-uploaded', 'The bytes are not on the relay yet.'));
    await vi.waitFor(() => expect(host.querySelector('.fetch-waiting')?.textContent).toContain('not on the relay yet'));
    await vi.advanceTimersByTimeAsync(5000);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    arrive();
    calls[1]?.resolve();
    await vi.waitFor(() => expect(host.querySelector('.preview-table')).not.toBeNull());
    expect([...host.querySelectorAll('.preview-table thead th')].map((th) => th.textContent)).toEqual(['#', 'a', 'b']);
  });

  test('cannot be fetched here: says why, and Try again asks again', async () => {
    const { client, arrive } = fakeClient('x');
    const { handle, calls } = fakeSync();
    const host = mount(client, handle, () => <ArtifactPreview runId={RUN} path="x.txt" size={1} />);
    await settle(() => calls.length === 1);
    calls[0]?.reject(new ArtifactFetchError('not-syncing', `This workspace is not syncing ${HOSTILE}`));
    await settle(() => host.querySelector('.fetch-failed') !== null);
    expect(host.querySelector('.fetch-failed .error-message')?.textContent).toBe(`This workspace is not syncing ${HOSTILE}`);
    expect(host.querySelector('img')).toBeNull();
    host.querySelector<HTMLButtonElement>('.fetch-failed button')?.click();
    await settle(() => calls.length === 2);
    arrive();
    calls[1]?.resolve();
    await settle(() => host.querySelector('.text-preview')?.textContent === 'x');
  });

  test('a file with no preview is not fetched until it is downloaded', async () => {
    const { client } = fakeClient('');
    const { handle, calls } = fakeSync();
    const host = mount(client, handle, () => <ArtifactPreview runId={RUN} path="model/weights.bin" size={5_000_000} />);
    await settle(() => host.querySelector('.download-only') !== null);
    expect(host.querySelector('.artifact-size')?.textContent).toBe('on the relay · 4.8 MB');
    expect(calls).toHaveLength(0);
    host.querySelector<HTMLButtonElement>('.download-button')?.click();
    await settle(() => calls.length === 1);
    await settle(() => host.querySelector('.fetch-progress') !== null);
  });
});

describe('a param peers logged differently', () => {
  test('shows the kept value with a warning naming who logged what, as text', () => {
    const self = '1'.repeat(16);
    const grace = '2'.repeat(16);
    const stranger = '3f2a9c1e44556677';
    const host = mount(fakeClient('').client, fakeSync().handle, () => (
      <ParamsSection
        params={{ lr: '0.01', layers: '3' }}
        conflicts={{ lr: [{ value: '0.02', peer: grace }, { value: HOSTILE, peer: stranger }, { value: '0.5', peer: self }] }}
        names={{ self, online: new Map([[grace, 'Grace Hopper']]) }}
      />
    ));
    expect(host.querySelector('.param-conflict-summary')?.textContent).toMatch(/^One param was logged with different values on different devices/);
    const row = host.querySelector('tr[data-key="lr"]');
    expect(row?.querySelector('.kv-value')?.firstChild?.textContent).toBe('0.01');
    expect([...(row?.querySelectorAll('.param-conflict li') ?? [])].map((li) => li.textContent)).toEqual([
      '⚠ also logged as "0.02" by Grace Hopper',
      `⚠ also logged as "${HOSTILE}" by peer 3f2a9c1e`,
      '⚠ also logged as "0.5" by you (this device)',
    ]);
    expect(host.querySelector('tr[data-key="layers"] .param-conflict')).toBeNull();
    expect(host.querySelector('img')).toBeNull();
  });

  test('no warning without conflicts', () => {
    const host = mount(fakeClient('').client, fakeSync().handle, () => <ParamsSection params={{ lr: '0.01' }} conflicts={{}} names={{ online: new Map() }} />);
    expect(host.querySelector('.param-conflict-summary')).toBeNull();
    expect(host.querySelector('.param-conflict')).toBeNull();
  });
});
