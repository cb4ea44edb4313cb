// What the registry pages read, through the public SDK only: every page of a search (the pages
// list whole registries, not the first 100 models), a model's versions, and a version with its
// logged model loaded through models:/<name>/<version>, so Try it runs what the registry serves.
import type { ModelVersion, RegisteredModel } from '../../domain/registry/entities';
import type { MlflowClient } from '../../sdk/index';
import { loadModelPage, type ModelPageData } from '../models/model-data';
import { runSourceOf } from './registry-route';
import { versionsFilterFor } from './registry-search';

/** Results per search call; the pages follow nextPageToken until the end. */
const PAGE_SIZE = 1000;

/** Every registered model the filter matches, by name. */
export async function searchAllModels(client: MlflowClient, filterString: string | undefined): Promise<RegisteredModel[]> {
  const models: RegisteredModel[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.searchRegisteredModels({ ...(filterString ? { filterString } : {}), orderBy: ['name ASC'], maxResults: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) });
    models.push(...page.registeredModels);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return models;
}

/** Every version of `name`, newest first. */
export async function allVersions(client: MlflowClient, name: string): Promise<ModelVersion[]> {
  const versions: ModelVersion[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.searchModelVersions({ filterString: versionsFilterFor(name), maxResults: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) });
    versions.push(...page.modelVersions.filter((v) => v.name === name));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return versions.sort((a, b) => Number(b.version) - Number(a.version));
}

export interface VersionModel {
  /** the logged model behind the version, when its files are in this workspace */
  model?: ModelPageData;
  /** why the model could not be loaded (a source outside this workspace, say) */
  problem?: unknown;
}

/**
 * A version's model as the model page shows it, with predict() bound to models:/name/version. A
 * name models:/ cannot spell (one holding `/`, as MLflow's URI grammar has no escape) falls back
 * to the version's own runs:/ source, which names the same files.
 */
export async function loadVersionModel(client: MlflowClient, version: ModelVersion): Promise<VersionModel> {
  try {
    const viaRegistry = await client.loadModel(`models:/${version.name}/${version.version}`).catch((e: unknown) => {
      if (version.name.includes('/') && runSourceOf(version.source)) return client.loadModel(version.source);
      throw e;
    });
    const page = await loadModelPage(client, viaRegistry.location.runId, viaRegistry.location.path);
    return { model: { ...page, model: viaRegistry } };
  } catch (problem) {
    return { problem };
  }
}
