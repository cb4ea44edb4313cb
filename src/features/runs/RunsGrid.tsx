// The runs table itself, virtualised: only the rows in view (plus a few) are in the DOM, so
// 10,000 runs scroll like 30. Rows are runs (nested under parents) or group headers.
import { A } from '@solidjs/router';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { For, Show, type JSX } from 'solid-js';
import type { RunWithSummaries } from '../../sdk/index';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { formatDuration, formatMetric, formatRelativeTime } from '../../ui/format';
import { cellValue, columnId, columnLabel, orderKeyOf, type Column } from './columns';
import type { RunGroup } from './grouping';
import type { RunRowModel } from './run-tree';

export type GridItem =
  | { kind: 'run'; row: RunRowModel<RunWithSummaries> }
  | { kind: 'group'; label: string; group: RunGroup<RunWithSummaries> };

export interface RunsGridProps {
  items: GridItem[];
  columns: Column[];
  /** names for the experiment column, shown when the table spans several experiments */
  experimentNames?: ReadonlyMap<string, string>;
  /** order_by key (without direction) -> direction and position in the sort */
  sort: Map<string, { ascending: boolean; index: number }>;
  selected: ReadonlySet<string>;
  focused: string | undefined;
  onSort: (column: Column, multi: boolean) => void;
  onToggleSelect: (runId: string) => void;
  onToggleAll: () => void;
  onToggleExpand: (runId: string) => void;
}

const ROW_HEIGHT = 32;

function Cell(props: { run: RunWithSummaries; column: Column; experimentNames?: ReadonlyMap<string, string> }): JSX.Element {
  const c = props.column;
  if (c.kind === 'attributes' && c.key === 'experiment_id') {
    return <td>{props.experimentNames?.get(props.run.info.experimentId) ?? props.run.info.experimentId}</td>;
  }
  if (c.kind === 'attributes' && c.key === 'status') return <td><StatusBadge status={props.run.info.status} /></td>;
  if (c.kind === 'attributes' && c.key === 'start_time') {
    return <td title={new Date(props.run.info.startTime).toLocaleString()}>{formatRelativeTime(props.run.info.startTime)}</td>;
  }
  if (c.kind === 'attributes' && c.key === 'duration') return <td>{formatDuration(props.run.info.startTime, props.run.info.endTime)}</td>;
  const v = cellValue(props.run, c);
  return typeof v === 'number' ? <td class="num">{formatMetric(v)}</td> : <td title={v ?? ''}>{v ?? ''}</td>;
}

export function RunsGrid(props: RunsGridProps): JSX.Element {
  let scroller!: HTMLDivElement;
  const virtualizer = createVirtualizer({
    get count() {
      return props.items.length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const padTop = () => virtualizer.getVirtualItems()[0]?.start ?? 0;
  const padBottom = () => {
    const items = virtualizer.getVirtualItems();
    const last = items[items.length - 1];
    return last ? virtualizer.getTotalSize() - last.end : 0;
  };
  const sortMark = (c: Column) => {
    const key = orderKeyOf(c);
    const s = key ? props.sort.get(key) : undefined;
    return s ? `${s.ascending ? '▲' : '▼'}${props.sort.size > 1 ? s.index + 1 : ''}` : '';
  };

  return (
    <div class="runs-grid" ref={scroller} tabIndex={-1}>
      <table class="runs-table">
        <colgroup>
          <col style={{ width: '36px' }} />
          <col style={{ width: '240px' }} />
          <For each={props.columns}>{() => <col style={{ width: '130px' }} />}</For>
        </colgroup>
        <thead>
          <tr>
            <th><input type="checkbox" aria-label="Select all runs" checked={props.selected.size > 0} onChange={() => props.onToggleAll()} /></th>
            <th class="sortable" onClick={(e) => props.onSort({ kind: 'attributes', key: 'run_name' }, e.shiftKey)}>Run {sortMark({ kind: 'attributes', key: 'run_name' })}</th>
            <For each={props.columns}>
              {(c) => (
                <th
                  classList={{ sortable: orderKeyOf(c) !== undefined, [`${c.kind}-col`]: true }}
                  data-column={columnId(c)}
                  title={`${columnId(c)} — click to sort, shift-click to add to the sort`}
                  onClick={(e) => orderKeyOf(c) && props.onSort(c, e.shiftKey)}
                >
                  {columnLabel(c)} <span class="sort-mark">{sortMark(c)}</span>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <tr class="spacer" style={{ height: `${padTop()}px` }} />
          <For each={virtualizer.getVirtualItems()}>
            {(v) => {
              const item = () => props.items[v.index];
              return (
                // keyed: the row under a virtual slot changes when runs are filtered or re-sorted.
                <Show when={item()} keyed>
                  {(entry) => {
                    if (entry.kind === 'group') {
                      return (
                        <tr class="group-row" style={{ height: `${ROW_HEIGHT}px` }}>
                          <td />
                          <td class="group-label">{entry.label} <span class="muted">({entry.group.runs.length})</span></td>
                          <For each={props.columns}>
                            {(c) => {
                              const agg = c.kind === 'metrics' ? entry.group.metrics[c.key] : undefined;
                              return <td class="num" title={agg ? `min ${formatMetric(agg.min)} · max ${formatMetric(agg.max)}` : ''}>{agg ? `μ ${formatMetric(agg.mean)}` : ''}</td>;
                            }}
                          </For>
                        </tr>
                      );
                    }
                    const { run, depth, childCount, expanded } = entry.row;
                    return (
                      <tr data-run-id={run.info.runId} classList={{ selected: props.selected.has(run.info.runId), focused: props.focused === run.info.runId }} style={{ height: `${ROW_HEIGHT}px` }}>
                        <td><input type="checkbox" aria-label={`Select ${run.info.runName}`} checked={props.selected.has(run.info.runId)} onChange={() => props.onToggleSelect(run.info.runId)} /></td>
                        <td class="run-cell" style={{ 'padding-left': `${0.5 + depth * 1.2}rem` }}>
                          <Show when={childCount > 0} fallback={<span class="expander-space" />}>
                            <button type="button" class="expander" aria-expanded={expanded} aria-label={`${expanded ? 'Collapse' : 'Expand'} ${childCount} child runs`} onClick={() => props.onToggleExpand(run.info.runId)}>
                              {expanded ? '▾' : '▸'}
                            </button>
                          </Show>
                          <A href={`/runs/${run.info.runId}`} class="run-name">{run.info.runName}</A>
                          <Show when={childCount > 0}><span class="muted child-count"> {childCount}</span></Show>
                        </td>
                        <For each={props.columns}>{(c) => <Cell run={run} column={c} experimentNames={props.experimentNames} />}</For>
                      </tr>
                    );
                  }}
                </Show>
              );
            }}
          </For>
          <tr class="spacer" style={{ height: `${padBottom()}px` }} />
        </tbody>
      </table>
    </div>
  );
}
