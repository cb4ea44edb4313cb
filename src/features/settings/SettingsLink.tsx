// The header's way to the settings page, showing who this browser acts as (or asking to set it).
import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { useWorkspace } from '../../ui/workspace-context';
import { actorText } from './profile-text';
import { createUserProfile } from './user-profile';
import './settings.css';

export function SettingsLink(): JSX.Element {
  const { workspace } = useWorkspace();
  const profile = createUserProfile(workspace);
  return (
    <A href="/settings" class="settings-link" activeClass="active" title="Settings: your profile">
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <circle cx="8" cy="5" r="3" fill="none" stroke="currentColor" stroke-width="1.5" />
        <path d="M2.5 14c0-3 2.5-4.5 5.5-4.5s5.5 1.5 5.5 4.5" fill="none" stroke="currentColor" stroke-width="1.5" />
      </svg>
      <span class="settings-user">{actorText(profile())}</span>
    </A>
  );
}
