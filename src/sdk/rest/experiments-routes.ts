// experiments/* endpoints (mlflow/server/handlers.py `_create_experiment` ... `_search_experiments`).
import { doesNotExist, invalidParameter } from '../../domain/errors';
import { VIEW_TYPES, compact, experimentToJson, tagRecordFromJson } from './json';
import type { Route } from './route';

/**
 * experiments/search without max_results: the proto field has no default and MLflow's stores then
 * reject the 0 they receive; we use 1000 (SEARCH_MAX_RESULTS_DEFAULT, what MLflow's clients send).
 */
export const DEFAULT_SEARCH_MAX_RESULTS = 1000;

/** `_validate_artifact_root_uri`: no fragments or `;params`, and no `..` hidden in the query. */
function checkArtifactLocation(location: string): void {
  const hash = location.indexOf('#');
  const beforeFragment = hash < 0 ? location : location.slice(0, hash);
  const [path = '', query = ''] = beforeFragment.split('?', 2);
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  const semicolon = lastSegment.indexOf(';');
  const hasParams = semicolon >= 0 && semicolon < lastSegment.length - 1;
  if ((hash >= 0 && hash < location.length - 1) || hasParams) {
    throw invalidParameter("'artifact_location' URL can't include fragments or params.");
  }
  if (fullyDecoded(query).includes('..')) throw invalidParameter('Invalid query string');
}

function fullyDecoded(s: string): string {
  let current = s;
  for (let i = 0; i < 10; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current.replace(/\+/g, ' '));
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

export const EXPERIMENT_ROUTES: Route[] = [
  {
    path: 'experiments/create',
    method: 'POST',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const artifactLocation = params.string('artifact_location');
      const tags = tagRecordFromJson(params.objectList('tags'), 'tags');
      if (artifactLocation) checkArtifactLocation(artifactLocation);
      const id = await client.createExperiment(name, artifactLocation ? { artifactLocation, tags } : { tags });
      return { experiment_id: id };
    },
  },
  {
    path: 'experiments/get',
    method: 'GET',
    async handle({ client, params }) {
      return { experiment: experimentToJson(await client.getExperiment(params.requiredString('experiment_id'))) };
    },
  },
  {
    path: 'experiments/get-by-name',
    method: 'GET',
    async handle({ client, params }) {
      const name = params.requiredString('experiment_name');
      const experiment = await client.getExperimentByName(name);
      if (!experiment) throw doesNotExist(`Could not find experiment with name '${name}'`);
      return { experiment: experimentToJson(experiment) };
    },
  },
  ...(['GET', 'POST'] as const).map(
    (method): Route => ({
      path: 'experiments/search',
      method,
      async handle({ client, params }) {
        const page = await client.searchExperiments({
          viewType: params.enumValue('view_type', VIEW_TYPES),
          maxResults: params.int('max_results') ?? DEFAULT_SEARCH_MAX_RESULTS,
          orderBy: params.stringList('order_by'),
          filterString: params.string('filter') || undefined,
          pageToken: params.string('page_token') || undefined,
        });
        return compact({ experiments: page.experiments.map(experimentToJson), next_page_token: page.nextPageToken || undefined });
      },
    }),
  ),
  {
    path: 'experiments/update',
    method: 'POST',
    async handle({ client, params }) {
      const experimentId = params.requiredString('experiment_id');
      await client.renameExperiment(experimentId, params.requiredString('new_name'));
      return {};
    },
  },
  {
    path: 'experiments/delete',
    method: 'POST',
    async handle({ client, params }) {
      await client.deleteExperiment(params.requiredString('experiment_id'));
      return {};
    },
  },
  {
    path: 'experiments/restore',
    method: 'POST',
    async handle({ client, params }) {
      await client.restoreExperiment(params.requiredString('experiment_id'));
      return {};
    },
  },
  {
    path: 'experiments/set-experiment-tag',
    method: 'POST',
    async handle({ client, params }) {
      const experimentId = params.requiredString('experiment_id');
      const key = params.requiredString('key');
      await client.setExperimentTag(experimentId, key, params.string('value') ?? '');
      return {};
    },
  },
  {
    path: 'experiments/delete-experiment-tag',
    method: 'POST',
    async handle({ client, params }) {
      const experimentId = params.requiredString('experiment_id');
      await client.deleteExperimentTag(experimentId, params.requiredString('key'));
      return {};
    },
  },
];
