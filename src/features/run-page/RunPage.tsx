// One run (route /runs/:runId): overview, description, params, metrics, tags and artifacts as
// sections of one page, with a section bar that links into it. The run is one live query
// (createWorkspaceQuery re-runs on workspace changes), so the page follows a run while it logs.
// Which section and artifact are open lives in the URL (url-state.ts).
import { A, useParams } from '@solidjs/router';
import { createEffect, For, on, onCleanup, Show, type JSX } from 'solid-js';
import { NOTE_CONTENT_TAG } from '../../domain/system-tags';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { ArtifactBrowser } from './ArtifactBrowser';
import { Description } from './Description';
import { MetricsSection } from './MetricsSection';
import { Overview } from './Overview';
import { ParamsSection } from './ParamsSection';
import type { PeerNames } from './param-conflicts';
import { useSync } from '../sync/sync-context';
import { makeSectionLanding } from './section-landing';
import { TagsEditor } from './TagsEditor';
import { RUN_SECTIONS, sectionDomId, useRunPageUrl, type RunPageUrl, type RunSection } from './url-state';
import './run-page.css';
import { LoggedModels } from '../models/LoggedModels';
import { ImportModel } from '../models/ImportModel';

function scrollToSection(section: RunSection, smooth: boolean): void {
  document.getElementById(sectionDomId(section))?.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' });
}

function Section(props: { id: RunSection; title: string; children: JSX.Element }): JSX.Element {
  return (
    <section id={sectionDomId(props.id)} class="run-section" data-section={props.id} aria-labelledby={`${sectionDomId(props.id)}-title`}>
      <h3 id={`${sectionDomId(props.id)}-title`}>{props.title}</h3>
      {props.children}
    </section>
  );
}

function SectionNav(props: { url: RunPageUrl }): JSX.Element {
  return (
    <nav class="run-section-nav" aria-label="Sections of this run">
      <For each={RUN_SECTIONS}>
        {(s) => (
          <a
            href={props.url.sectionHref(s.id)}
            aria-current={props.url.section() === s.id ? 'location' : undefined}
            onClick={(e) => {
              e.preventDefault();
              props.url.setSection(s.id);
              scrollToSection(s.id, true);
            }}
          >
            {s.label}
          </a>
        )}
      </For>
    </nav>
  );
}

export function RunPage(): JSX.Element {
  const params = useParams<{ runId: string }>();
  const url = useRunPageUrl();
  const { workspace, client } = useWorkspace();
  const data = createWorkspaceQuery(workspace, () => params.runId, async (runId) => {
    const run = await client.getRun(runId);
    const [summaries, conflicts, experiment] = await Promise.all([
      client.getMetricSummaries(runId),
      client.getParamConflicts(runId),
      // The breadcrumb can do without a name; the page should not fail for it.
      client.getExperiment(run.info.experimentId).catch(() => undefined),
    ]);
    return { run, summaries, conflicts, experiment };
  });
  // Who logged a conflicting param value: this device, or a peer by its name while online.
  const sync = useSync();
  const names = (): PeerNames => {
    const self = sync.config()?.peerId;
    const online = new Map(sync.peers().map((p) => [p.peer, p.name]));
    return self === undefined ? { online } : { self, online };
  };

  /**
   * The loaded run, only once it is the one in the URL. Going to a parent or child run therefore
   * empties the page before the next run shows, so the sections are built afresh and an open
   * editor's draft can never be saved onto a different run.
   */
  const current = () => {
    const v = data.value();
    return v?.run.info.runId === params.runId ? v : undefined;
  };

  // A link into the page (?section=metrics, or ?artifact=... which means the artifacts section)
  // lands there once the run has rendered; later clicks scroll from the section bar.
  let article!: HTMLElement;
  let landed = false;
  let stopLanding: (() => void) | undefined;
  onCleanup(() => stopLanding?.());
  createEffect(on(() => params.runId, () => (landed = false)));
  createEffect(() => {
    if (landed || !current()) return;
    landed = true;
    const target = url.section() ?? (url.artifact() ? 'artifacts' : undefined);
    if (!target || target === 'overview') return;
    stopLanding = makeSectionLanding(article, () => document.getElementById(sectionDomId(target)));
  });

  return (
    <article class="run-page" ref={article}>
      <Show when={data.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={!current() && !data.error()}>
        <p class="muted">Loading run…</p>
      </Show>
      <Show when={current()}>
        {(v) => {
          const info = () => v().run.info;
          return (
            <>
              <header class="run-header">
                <p class="breadcrumb">
                  <A href={`/experiments/${encodeURIComponent(info().experimentId)}`}>{v().experiment?.name ?? `Experiment ${info().experimentId}`}</A>
                  <span class="muted"> / run</span>
                </p>
                <h2 class="run-title">
                  <span class="run-name">{info().runName}</span> <StatusBadge status={info().status} />
                </h2>
                <Show when={info().lifecycleStage === 'deleted'}>
                  <p class="preview-note deleted-note">This run is deleted. It can be restored from its experiment until it is purged.</p>
                </Show>
              </header>
              <SectionNav url={url} />
              <Section id="overview" title="Overview">
                <Overview run={v().run} />
              <LoggedModels run={v().run} />
              <ImportModel runId={v().run.info.runId} />
              </Section>
              <Section id="description" title="Description">
                <Description runId={info().runId} content={v().run.data.tags[NOTE_CONTENT_TAG]} />
              </Section>
              <Section id="parameters" title={`Parameters (${Object.keys(v().run.data.params).length})`}>
                <ParamsSection params={v().run.data.params} conflicts={v().conflicts} names={names()} />
              </Section>
              <Section id="metrics" title={`Metrics (${Object.keys(v().summaries).length})`}>
                <MetricsSection runId={info().runId} summaries={v().summaries} />
              </Section>
              <Section id="tags" title="Tags">
                <TagsEditor runId={info().runId} tags={v().run.data.tags} />
              </Section>
              <Section id="artifacts" title="Artifacts">
                <ArtifactBrowser runId={info().runId} url={url} />
              </Section>
            </>
          );
        }}
      </Show>
    </article>
  );
}
