// Invite someone: pick read-write or read-only, get a link (copy button and QR code) carrying a
// token for that role, with its expiry. The token travels in the link's fragment, which browsers
// never send to a server.
import { createSignal, Show, type JSX } from 'solid-js';
import { createInvite, type CreatedInvite, type SyncConfig, type TokenRole } from '../../sdk/sync';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { QrCode } from './QrCode';
import { dateTime } from './status-line';

export function InvitePanel(props: { config: SyncConfig }): JSX.Element {
  const [role, setRole] = createSignal<TokenRole>('read-write');
  const [invite, setInvite] = createSignal<CreatedInvite>();
  const [copied, setCopied] = createSignal(false);
  const creating = createAttempt();
  const create = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    setCopied(false);
    await creating.attempt(async () => {
      setInvite(await createInvite(props.config, role()));
    });
  };
  let linkInput: HTMLInputElement | undefined;
  const copy = async (link: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // No clipboard permission (an embedded or insecure page): select it for Ctrl+C instead.
      linkInput?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <section class="sync-section invite-panel" aria-labelledby="invite-heading">
      <h3 id="invite-heading">Invite someone</h3>
      <form class="invite-form" onSubmit={(e) => void create(e)}>
        <label>
          <span>They can</span>
          <select name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value as TokenRole)}>
            <option value="read-write">read and write (read-write)</option>
            <option value="read-only">only look (read-only)</option>
          </select>
        </label>
        <button type="submit" class="primary invite-create">Create invite link</button>
      </form>
      <Show when={creating.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={invite()}>
        {(inv) => (
          <div class="invite-result" data-role={inv().role}>
            <div class="invite-link-row">
              <input class="invite-link" readonly value={inv().link} ref={linkInput} aria-label="Invite link" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" class="invite-copy" onClick={() => void copy(inv().link)}>{copied() ? 'Copied' : 'Copy'}</button>
            </div>
            <p class="invite-facts">
              <span class="badge invite-role">{inv().role}</span>{' '}
              <span class="invite-expiry">expires {dateTime(inv().expiresAt)}</span>
            </p>
            <QrCode text={inv().link} label="QR code of the invite link" />
            <p class="muted">Anyone with this link can join as {inv().role}: send it only to the person you mean.</p>
          </div>
        )}
      </Show>
    </section>
  );
}
