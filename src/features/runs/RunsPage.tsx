// One or several experiments' runs (/experiments/<id>[,<id>...]): filter, columns, sort,
// grouping, nesting and selection all live in the URL; columns are also remembered per
// experiment. Updates live while runs log.
import { useNavigate, useParams } from '@solidjs/router';
import { createMemo, createSignal, Match, Show, Switch, type JSX } from 'solid-js';
import { getPreference, setPreference, type Experiment } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { ColumnPicker } from './ColumnPicker';
import { ExperimentScope } from './ExperimentScope';
import { availableColumns, columnId, defaultColumns, orderKeyOf, parseColumnId, type Column } from './columns';
import { FilterBar } from './FilterBar';
import { groupRuns, parseGroupKey } from './grouping';
import { nestRuns } from './run-tree';
import { RunsGrid, type GridItem } from './RunsGrid';
import { SavedViews } from './SavedViews';
import { SelectionActions } from './SelectionActions';
import { clickSort, parseSort, printSort } from './sort-state';
import { useRunsViewState } from './url-state';
import { useRunsShortcuts } from './runs-shortcuts';
import { ExperimentEmptyState } from '../experiments/ExperimentEmptyState';
import { ExperimentHeader } from '../experiments/ExperimentHeader';
import './runs.css';

export function RunsPage(): JSX.Element {
  const params = useParams<{ experimentId: string }>();
  const navigate = useNavigate();
  const { workspace, client } = useWorkspace();
  const [view, setView] = useRunsViewState();
  const experimentIds = createMemo(() => params.experimentId.split(',').filter((x) => x !== ''));
  const scope = () => experimentIds().join(',');

  const data = createWorkspaceQuery(workspace, () => ({ ids: experimentIds(), filter: view().filter, sort: view().sort }), async ({ ids, filter, sort }) => {
    const experiments = await Promise.all(ids.map((id) => client.getExperiment(id)));
    const { runs } = await client.searchRunsWithSummaries({ experimentIds: ids, filterString: filter, orderBy: sort, maxResults: 50_000 });
    return { experiments, runs };
  });
  const allExperiments = createWorkspaceQuery(workspace, () => null, async () => (await client.searchExperiments({ maxResults: 50_000, orderBy: ['name ASC'] })).experiments);
  const remembered = createWorkspaceQuery(workspace, scope, (s) => getPreference<string[]>(workspace, `runs.columns:${s}`));

  // Keep showing the last good result while a bad filter is being fixed.
  const runs = createMemo((prev: NonNullable<ReturnType<typeof data.value>>['runs'] | undefined) => data.value()?.runs ?? prev ?? []);
  const columns = createMemo<Column[]>(() => {
    const ids = view().cols ?? remembered.value();
    if (ids) return ids.map(parseColumnId).filter((c): c is Column => c !== undefined);
    return defaultColumns(runs());
  });
  const setColumns = (cols: Column[]): void => {
    const ids = cols.map(columnId);
    setView({ cols: ids }, { replace: true });
    void setPreference(workspace, `runs.columns:${scope()}`, ids);
  };

  const sortKeys = createMemo(() => new Map(parseSort(view().sort).map((k, index) => [k.key, { ascending: k.ascending, index }] as const)));
  const selected = createMemo(() => new Set(view().selected));
  const expanded = createMemo(() => new Set(view().expanded));
  const items = createMemo<GridItem[]>(() => {
    const group = parseGroupKey(view().group);
    if (!group) return nestRuns(runs(), expanded()).map((row) => ({ kind: 'run', row }));
    const metricKeys = columns().filter((c) => c.kind === 'metrics').map((c) => c.key);
    return groupRuns(runs(), group, metricKeys).flatMap((g): GridItem[] => [
      { kind: 'group', label: `${group.key} = ${g.value ?? '(none)'}`, group: g },
      ...g.runs.map((run): GridItem => ({ kind: 'run', row: { run, depth: 1, childCount: 0, expanded: false } })),
    ]);
  });
  const available = createMemo(() => availableColumns(runs()));
  const knownKeys = createMemo(() => {
    const cols = available();
    const keysOf = (kind: Column['kind']) => cols.filter((c) => c.kind === kind).map((c) => c.key);
    return { metrics: keysOf('metrics'), params: keysOf('params'), tags: keysOf('tags') };
  });

  const toggle = (list: readonly string[], id: string): string[] => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const [focused, setFocused] = createSignal<string>();
  const [actionError, setActionError] = createSignal<unknown>();
  const selectedIds = () => view().selected;
  const compare = (): void => {
    if (selectedIds().length >= 2) navigate(`/compare?runs=${selectedIds().join(',')}`);
  };
  const act = async (fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
      setActionError(undefined);
      setView({ selected: [] }, { replace: true });
    } catch (e) {
      setActionError(() => e);
    }
  };
  let filterInput: HTMLInputElement | undefined;
  const runRows = () => items().flatMap((i) => (i.kind === 'run' ? [i.row.run.info.runId] : []));
  useRunsShortcuts({
    focusFilter: () => filterInput?.focus(),
    move: (delta) => {
      const ids = runRows();
      const at = ids.indexOf(focused() ?? '');
      setFocused(ids[Math.max(0, Math.min(ids.length - 1, at + delta))]);
    },
    toggleSelect: () => focused() && setView({ selected: toggle(view().selected, focused() as string) }, { replace: true }),
    open: () => focused() && navigate(`/runs/${focused()}`),
    compare,
  });

  const isEmpty = () => !!data.value() && runs().length === 0 && !view().filter;
  const experimentNames = createMemo(() => new Map((data.value()?.experiments ?? []).map((e: Experiment) => [e.experimentId, e.name] as const)));
  return (
    <section class="runs-page">
      <h2 class="runs-heading"><ExperimentScope shown={data.value()?.experiments ?? []} all={allExperiments.value() ?? []} /></h2>
      <Show when={experimentIds().length === 1}>
        <ExperimentHeader experimentId={experimentIds()[0] ?? ''} showName={false} />
      </Show>
      <div class="runs-toolbar">
        <FilterBar value={view().filter} keys={knownKeys()} onApply={(filter) => setView({ filter })} ref={(el) => (filterInput = el)} />
        <ColumnPicker available={available()} chosen={columns()} onChange={setColumns} />
        <select aria-label="Group by" class="group-select" value={view().group ?? ''} onChange={(e) => setView({ group: e.currentTarget.value || undefined })}>
          <option value="">No grouping</option>
          {knownKeys().params.map((k) => <option value={`params.${k}`}>Group by param {k}</option>)}
          {knownKeys().tags.filter((k) => !k.startsWith('mlflow.')).map((k) => <option value={`tags.${k}`}>Group by tag {k}</option>)}
        </select>
        <SavedViews
          scope={scope()}
          current={() => ({ filter: view().filter, sort: view().sort, cols: columns().map(columnId), group: view().group })}
          onApply={(v) => setView({ filter: v.filter, sort: v.sort, cols: v.cols, group: v.group })}
        />
      </div>
      <SelectionActions
        count={selectedIds().length}
        experiments={allExperiments.value() ?? []}
        currentExperimentIds={experimentIds()}
        onCompare={compare}
        onDelete={() => void act(async () => {
          if (!confirm(`Delete ${selectedIds().length} run(s)? They can be restored until permanently removed.`)) throw new Error('cancelled');
          for (const id of selectedIds()) await client.deleteRun(id);
        })}
        onMove={(target) => void act(() => client.moveRuns(selectedIds(), target))}
        onClear={() => setView({ selected: [] }, { replace: true })}
      />
      <Show when={actionError() && !(actionError() instanceof Error && (actionError() as Error).message === 'cancelled')}>
        <ErrorNotice error={actionError()} />
      </Show>
      <Switch>
        <Match when={data.error()}>
          <ErrorNotice error={data.error()} source={view().filter} />
        </Match>
        <Match when={isEmpty()}>
          <ExperimentEmptyState experimentId={experimentIds()[0]} experimentName={data.value()?.experiments[0]?.name} />
        </Match>
      </Switch>
      <Show when={data.value() && !isEmpty()}>
        <p class="muted run-count">{runs().length} runs{view().filter ? ' match' : ''}</p>
        <RunsGrid
          items={items()}
          columns={experimentIds().length > 1 ? [{ kind: 'attributes', key: 'experiment_id' }, ...columns()] : columns()}
          experimentNames={experimentNames()}
          sort={sortKeys()}
          selected={selected()}
          focused={focused()}
          onSort={(c, multi) => {
            const key = c.kind === 'attributes' && c.key === 'run_name' ? 'attributes.run_name' : orderKeyOf(c);
            if (key) setView({ sort: printSort(clickSort(parseSort(view().sort), key, multi)) });
          }}
          onToggleSelect={(id) => setView({ selected: toggle(view().selected, id) }, { replace: true })}
          onToggleAll={() => setView({ selected: selected().size > 0 ? [] : runRows() }, { replace: true })}
          onToggleExpand={(id) => setView({ expanded: toggle(view().expanded, id) }, { replace: true })}
        />
      </Show>
    </section>
  );
}
