// model-versions/* endpoints (mlflow/server/handlers.py `_create_model_version` ...
// `_delete_model_version_tag`; request and response messages of mlflow/protos/model_registry.proto).
import type { ModelVersion } from '../../domain/registry/entities';
import { compact, tagRecordFromJson } from './json';
import { checkModelVersionSource } from './model-version-source';
import { maxResults, searchOptions } from './registered-models-routes';
import { modelVersionToJson } from './registry-json';
import type { JsonObject } from './request';
import type { Route } from './route';

/** SearchModelVersions.max_results: proto default and handler maximum are both 200 000. */
const SEARCH_VERSIONS_MAX = 200_000;

const versionMessage = (version: ModelVersion): JsonObject => ({ model_version: modelVersionToJson(version) });

export const MODEL_VERSION_ROUTES: Route[] = [
  {
    path: 'model-versions/create',
    method: 'POST',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const source = params.requiredString('source');
      const runId = params.string('run_id') ?? '';
      const tags = tagRecordFromJson(params.objectList('tags'), 'tags');
      const runLink = params.string('run_link') ?? '';
      const description = params.string('description') ?? '';
      // MLflow 3's logged-model id: Orchard has no logged models, so it is type-checked only.
      params.string('model_id');
      await checkModelVersionSource(client, source, runId, tags);
      const version = await client.createModelVersion(name, source, {
        tags,
        ...(runId ? { runId } : {}),
        ...(runLink ? { runLink } : {}),
        ...(description ? { description } : {}),
      });
      return versionMessage(version);
    },
  },
  {
    path: 'model-versions/update',
    method: 'PATCH',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const version = params.requiredString('version');
      // MLflow passes None when the field is absent and the store stores it: no description clears it.
      const description = params.string('description') ?? '';
      return versionMessage(await client.updateModelVersion(name, version, { description }));
    },
  },
  {
    path: 'model-versions/transition-stage',
    method: 'POST',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const version = params.requiredString('version');
      const stage = params.requiredString('stage');
      const archive = params.bool('archive_existing_versions') ?? false;
      return versionMessage(await client.transitionModelVersionStage(name, version, stage, archive));
    },
  },
  {
    path: 'model-versions/delete',
    method: 'DELETE',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      await client.deleteModelVersion(name, params.requiredString('version'));
      return {};
    },
  },
  {
    path: 'model-versions/get',
    method: 'GET',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      return versionMessage(await client.getModelVersion(name, params.requiredString('version')));
    },
  },
  {
    path: 'model-versions/search',
    method: 'GET',
    async handle({ client, params }) {
      const page = await client.searchModelVersions({
        ...searchOptions(params),
        maxResults: maxResults(params, SEARCH_VERSIONS_MAX, SEARCH_VERSIONS_MAX),
      });
      return compact({ model_versions: page.modelVersions.map(modelVersionToJson), next_page_token: page.nextPageToken || undefined });
    },
  },
  {
    path: 'model-versions/get-download-uri',
    method: 'GET',
    async handle({ client, params }) {
      // MLflow declares no schema here: absent fields reach the store as "" and fail there.
      return { artifact_uri: await client.getModelVersionDownloadUri(params.string('name') ?? '', params.string('version') ?? '') };
    },
  },
  {
    path: 'model-versions/set-tag',
    method: 'POST',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const version = params.requiredString('version');
      const key = params.requiredString('key');
      await client.setModelVersionTag(name, version, key, params.string('value') ?? '');
      return {};
    },
  },
  {
    path: 'model-versions/delete-tag',
    method: 'DELETE',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const version = params.requiredString('version');
      await client.deleteModelVersionTag(name, version, params.requiredString('key'));
      return {};
    },
  },
];
