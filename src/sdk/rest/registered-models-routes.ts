// registered-models/* endpoints (mlflow/server/handlers.py `_create_registered_model` ...
// `_get_model_version_by_alias`; request and response messages of mlflow/protos/model_registry.proto).
import type { RegisteredModel } from '../../domain/registry/entities';
import { compact, tagRecordFromJson } from './json';
import { modelVersionToJson, registeredModelToJson } from './registry-json';
import { invalidValue, type JsonObject, type RequestParams } from './request';
import type { Route } from './route';

/** SearchRegisteredModels.max_results: proto default 100; the handler refuses more than 1000. */
const SEARCH_MODELS_DEFAULT = 100;
const SEARCH_MODELS_MAX = 1000;

/** max_results of a search, checked like `_assert_less_than_or_equal(int(x), max)`: the error
 * shows the value as sent (a string when it came from the query string). */
export function maxResults(params: RequestParams, fallback: number, max: number): number {
  const n = params.int('max_results');
  if (n === undefined) return fallback;
  if (n > max) throw invalidValue('max_results', params.get('max_results'));
  return n;
}

/** filter, order_by and page_token of a registry search; "" is protobuf's unset string. */
export function searchOptions(params: RequestParams): { filterString?: string; orderBy?: string[]; pageToken?: string } {
  return {
    filterString: params.string('filter') || undefined,
    orderBy: params.stringList('order_by'),
    pageToken: params.string('page_token') || undefined,
  };
}

const modelMessage = (model: RegisteredModel): JsonObject => ({ registered_model: registeredModelToJson(model) });

export const REGISTERED_MODEL_ROUTES: Route[] = [
  {
    path: 'registered-models/create',
    method: 'POST',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const tags = tagRecordFromJson(params.objectList('tags'), 'tags');
      const description = params.string('description');
      return modelMessage(await client.createRegisteredModel(name, description === undefined ? { tags } : { tags, description }));
    },
  },
  {
    path: 'registered-models/rename',
    method: 'POST',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      return modelMessage(await client.renameRegisteredModel(name, params.requiredString('new_name')));
    },
  },
  {
    path: 'registered-models/update',
    method: 'PATCH',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      // MLflow passes the proto field as is: no description clears it.
      return modelMessage(await client.updateRegisteredModel(name, { description: params.string('description') ?? '' }));
    },
  },
  {
    path: 'registered-models/delete',
    method: 'DELETE',
    async handle({ client, params }) {
      await client.deleteRegisteredModel(params.requiredString('name'));
      return {};
    },
  },
  {
    path: 'registered-models/get',
    method: 'GET',
    async handle({ client, params }) {
      return modelMessage(await client.getRegisteredModel(params.requiredString('name')));
    },
  },
  {
    path: 'registered-models/search',
    method: 'GET',
    async handle({ client, params }) {
      const page = await client.searchRegisteredModels({
        ...searchOptions(params),
        maxResults: maxResults(params, SEARCH_MODELS_DEFAULT, SEARCH_MODELS_MAX),
      });
      return compact({
        registered_models: page.registeredModels.map(registeredModelToJson),
        next_page_token: page.nextPageToken || undefined,
      });
    },
  },
  ...(['POST', 'GET'] as const).map(
    (method): Route => ({
      path: 'registered-models/get-latest-versions',
      method,
      async handle({ client, params }) {
        const name = params.requiredString('name');
        const versions = await client.getLatestVersions(name, params.stringList('stages'));
        return compact({ model_versions: versions.map(modelVersionToJson) });
      },
    }),
  ),
  {
    path: 'registered-models/set-tag',
    method: 'POST',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const key = params.requiredString('key');
      await client.setRegisteredModelTag(name, key, params.string('value') ?? '');
      return {};
    },
  },
  {
    path: 'registered-models/delete-tag',
    method: 'DELETE',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      await client.deleteRegisteredModelTag(name, params.requiredString('key'));
      return {};
    },
  },
  {
    path: 'registered-models/alias',
    method: 'POST',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const alias = params.requiredString('alias');
      await client.setRegisteredModelAlias(name, alias, params.requiredString('version'));
      return {};
    },
  },
  {
    path: 'registered-models/alias',
    method: 'DELETE',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      await client.deleteRegisteredModelAlias(name, params.requiredString('alias'));
      return {};
    },
  },
  {
    path: 'registered-models/alias',
    method: 'GET',
    async handle({ client, params }) {
      const name = params.requiredString('name');
      const version = await client.getModelVersionByAlias(name, params.requiredString('alias'));
      return { model_version: modelVersionToJson(version) };
    },
  },
];
