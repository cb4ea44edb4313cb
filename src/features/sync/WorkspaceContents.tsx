// How much of the workspace is here: experiments and runs, counted live, so a person who just
// joined watches them arrive next to the number of items still syncing.
import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { useSync } from './sync-context';

interface Counts {
  experiments: number;
  runs: number;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function WorkspaceContents(props: { joining: boolean }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const { status } = useSync();
  const counts = createWorkspaceQuery(workspace, () => null, async (): Promise<Counts> => {
    const { experiments } = await client.searchExperiments({ maxResults: 50_000 });
    const perExperiment = await client.countRuns({ experimentIds: experiments.map((e) => e.experimentId) });
    return { experiments: experiments.length, runs: Object.values(perExperiment).reduce((a, b) => a + b, 0) };
  }, { throttleMs: 1000 }); // re-read at most once a second: during a join it competes with the join's writes
  // Up to date: every document finished its first sync with the relay, what arrived is in the
  // tables, every metric chunk is here, and the relay has everything this copy has.
  const upToDate = () => {
    const s = status();
    return s?.state === 'connected' && s.received && s.synced;
  };
  return (
    <section class="sync-section workspace-contents" aria-labelledby="contents-heading" data-up-to-date={upToDate() ? 'yes' : 'no'}>
      <h3 id="contents-heading">{props.joining && !upToDate() ? 'Receiving the workspace…' : 'In this copy'}</h3>
      <p>
        <span class="contents-experiments">{plural(counts.value()?.experiments ?? 0, 'experiment', 'experiments')}</span>
        {', '}
        <span class="contents-runs">{plural(counts.value()?.runs ?? 0, 'run', 'runs')}</span>
        <Show when={(status()?.pendingItems ?? 0) > 0}>
          {' · '}
          <span class="contents-pending">{plural(status()?.pendingItems ?? 0, 'item', 'items')} still syncing</span>
        </Show>
      </p>
      <Show when={props.joining && upToDate()}>
        <p class="contents-done">Up to date. <A href="/">Open the experiments</A></p>
      </Show>
    </section>
  );
}
