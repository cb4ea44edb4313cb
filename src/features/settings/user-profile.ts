// The local user profile as a signal. The profile lives in the workspace's device-local settings
// table, outside the mutation feed that Workspace.onChange reports, so saving it announces itself:
// to this tab through a shared version signal, to other tabs over a BroadcastChannel.
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { Workspace } from '../../sdk/index';

export interface UserProfile {
  name: string;
  email: string;
}

const [version, setVersion] = createSignal(0);
const channelName = (ws: Workspace): string => `orchard:${ws.name}:profile`;

/** Saves the profile and tells every view (this tab and others) to read it again. */
export async function saveUserProfile(ws: Workspace, profile: UserProfile): Promise<void> {
  await ws.store.setUserProfile({ name: profile.name.trim(), email: profile.email.trim() });
  setVersion((v) => v + 1);
  if (typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(channelName(ws));
    channel.postMessage('changed');
    channel.close();
  }
}

/** `create*`: the current profile, re-read after every save; disposed with its owner. */
export function createUserProfile(ws: Workspace): Accessor<UserProfile | undefined> {
  if (typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(channelName(ws));
    channel.onmessage = () => setVersion((v) => v + 1);
    onCleanup(() => channel.close());
  }
  const [profile, setProfile] = createSignal<UserProfile>();
  let disposed = false;
  onCleanup(() => (disposed = true));
  createEffect(on(version, () => {
    void ws.store.userProfile().then((p) => !disposed && setProfile(p));
  }));
  return profile;
}
