// Leave a shared workspace: after a confirmation, this device stops syncing it. Nothing local is
// deleted; the workspace stays, marked detached, and can be shared again as a new one.
import { createSignal, Show, type JSX } from 'solid-js';
import { ConfirmDialog } from '../../ui/components/ConfirmDialog';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { useSync } from './sync-context';

export function LeavePanel(): JSX.Element {
  const { handle } = useSync();
  const [asking, setAsking] = createSignal(false);
  const leaving = createAttempt();
  const leave = async (): Promise<void> => {
    setAsking(false);
    await leaving.attempt(() => handle.leave());
  };
  return (
    <section class="sync-section leave-panel" aria-labelledby="leave-heading">
      <h3 id="leave-heading">Leave this shared workspace</h3>
      <p class="muted">Stops syncing on this device. Your local copy stays, marked detached; other people keep theirs.</p>
      <button type="button" class="danger leave-open" onClick={() => setAsking(true)}>Leave workspace…</button>
      <Show when={leaving.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <ConfirmDialog open={asking()} title="Leave this shared workspace?" confirmLabel="Leave" danger onConfirm={() => void leave()} onCancel={() => setAsking(false)}>
        <p>
          This device stops sending and receiving changes. Everything already here stays. To sync again you need a new
          invite link.
        </p>
      </ConfirmDialog>
    </section>
  );
}
