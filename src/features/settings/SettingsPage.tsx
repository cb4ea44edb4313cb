// Settings (/settings): the local user profile. Its name and email are who this browser acts as
// in the registry (a version's creator, a transition request's requester, the approver) and in the
// audit trail. It is a per-device setting: never replicated, so each teammate sets their own.
import { A } from '@solidjs/router';
import { createEffect, createSignal, on, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { useWorkspace } from '../../ui/workspace-context';
import { createUserProfile, saveUserProfile } from './user-profile';
import './settings.css';

export function SettingsPage(): JSX.Element {
  const { workspace } = useWorkspace();
  const profile = createUserProfile(workspace);
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [saved, setSaved] = createSignal(false);
  const saving = createAttempt();
  // The form starts from the stored profile, and follows it when another tab saves a new one.
  createEffect(on(profile, (p) => {
    if (!p) return;
    setName(p.name);
    setEmail(p.email);
  }));
  const dirty = (): boolean => name().trim() !== (profile()?.name ?? '') || email().trim() !== (profile()?.email ?? '');
  const save = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    setSaved(await saving.attempt(() => saveUserProfile(workspace, { name: name(), email: email() })));
  };

  return (
    <article class="settings-page">
      <h2>Settings</h2>
      <section class="settings-section" aria-labelledby="profile-heading">
        <h3 id="profile-heading">Your profile</h3>
        <p class="muted">
          Who you are in this browser. The registry records it as the user who registers a version, requests a
          transition or approves one, and the audit trail shows it. It stays on this device.
        </p>
        <Show when={profile() && !profile()?.name && !profile()?.email}>
          <p class="preview-note profile-missing">No profile yet: registry changes will be recorded without a name.</p>
        </Show>
        <form class="profile-form" onSubmit={(e) => void save(e)}>
          <label>
            <span>Name</span>
            <input name="name" autocomplete="name" value={name()} onInput={(e) => { setName(e.currentTarget.value); setSaved(false); }} />
          </label>
          <label>
            <span>Email</span>
            <input name="email" type="email" autocomplete="email" value={email()} onInput={(e) => { setEmail(e.currentTarget.value); setSaved(false); }} />
          </label>
          <div class="profile-actions">
            <button type="submit" class="primary" disabled={!dirty()}>Save profile</button>
            <Show when={saved() && !dirty()}><span class="profile-saved" role="status">Saved.</span></Show>
          </div>
        </form>
        <Show when={saving.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      </section>
      <section class="settings-section" aria-labelledby="storage-heading">
        <h3 id="storage-heading">Storage</h3>
        <p class="muted">
          How much this browser holds for Orchard, whether it keeps it when the disk runs low, and clean-up of deleted runs.
        </p>
        <A href="/storage" class="storage-link">Open storage</A>
      </section>
      <section class="settings-section" aria-labelledby="data-heading">
        <h3 id="data-heading">Bring and take your data</h3>
        <p class="muted">
          Import an MLflow file store (<code>mlruns/</code>) with its runs, artifacts and registry; export experiments or runs as a folder MLflow reads, or as one JSON file.
        </p>
        <p class="data-links">
          <A href="/import" class="import-link">Import from MLflow</A> · <A href="/export" class="export-link">Export</A>
        </p>
      </section>
    </article>
  );
}
