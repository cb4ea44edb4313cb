// The open workspace's sync session, provided once by the app shell, and its observables bridged
// into Solid signals in this one place (status, peers online, activity, configuration).
import { createContext, createSignal, onCleanup, useContext, type Accessor, type JSX } from 'solid-js';
import type { Activity, Observable, PeerPresence, SyncConfig, SyncHandle, SyncStatus } from '../../sdk/sync';

export interface SyncSignals {
  handle: SyncHandle;
  /** undefined: the workspace is not shared */
  status: Accessor<SyncStatus | undefined>;
  peers: Accessor<readonly PeerPresence[]>;
  activity: Accessor<readonly Activity[]>;
  config: Accessor<SyncConfig | undefined>;
}

const SyncContext = createContext<SyncSignals>();

/** `create*`: a signal following `source`, unsubscribed with its owner. */
export function createObservableSignal<T>(source: Observable<T>): Accessor<T> {
  const [value, setValue] = createSignal<T>(source.get(), { equals: false });
  onCleanup(source.subscribe((v) => setValue(() => v)));
  return value;
}

export function SyncProvider(props: { handle: SyncHandle; children: JSX.Element }): JSX.Element {
  const { handle } = props;
  const value: SyncSignals = {
    handle,
    status: createObservableSignal(handle.status),
    peers: createObservableSignal(handle.peers),
    activity: createObservableSignal(handle.activity),
    config: createObservableSignal(handle.config),
  };
  return <SyncContext.Provider value={value}>{props.children}</SyncContext.Provider>;
}

export function useSync(): SyncSignals {
  const ctx = useContext(SyncContext);
  if (!ctx) throw new Error('useSync() outside <SyncProvider>');
  return ctx;
}
