// The storage page (/storage): how full this browser's storage is and whether it is kept, where
// this workspace's bytes are (experiments and runs, largest first), and clean-up. The report is
// read again after changes, at most every few seconds: at 10,000 runs it reads every run row.
import { createSignal, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { RetentionPanel } from './RetentionPanel';
import { SizesPanel } from './SizesPanel';
import { createStorageUsage } from './storage-usage';
import { UsagePanel } from './UsagePanel';
import './storage.css';

export function StoragePage(): JSX.Element {
  const { workspace, client } = useWorkspace();
  const usage = createStorageUsage(workspace);
  const [version, setVersion] = createSignal(0);
  const report = createWorkspaceQuery(workspace, version, () => client.storageReport(), { throttleMs: 3000 });
  const refresh = (): void => {
    setVersion((v) => v + 1);
    usage.refresh();
  };
  return (
    <article class="storage-page">
      <div class="storage-title">
        <h2>Storage</h2>
        <button type="button" class="refresh-storage" onClick={refresh} disabled={report.loading()}>
          {report.loading() ? 'Measuring…' : 'Measure again'}
        </button>
      </div>
      <UsagePanel usage={usage} />
      <Show when={report.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={report.value()} fallback={<p class="muted storage-measuring">Measuring this workspace…</p>}>
        {(r) => (
          <>
            <SizesPanel report={r()} />
            <RetentionPanel experiments={r().experiments} onApplied={refresh} />
          </>
        )}
      </Show>
    </article>
  );
}
