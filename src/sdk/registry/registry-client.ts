// MlflowClient's Model Registry methods (MLflow's MlflowClient registry API in camelCase, plus
// Orchard's audit trail and approval gates). MlflowClient extends this class, so the registry's
// thirty doors live beside their operations and client.ts stays about tracking.
import type { ApprovalGate, ApprovalRequest, ModelVersion, RegisteredModel, RegistryEvent } from '../../domain/registry';
import type { Workspace } from '../workspace';
import './install';
import * as aliases from './aliases';
import * as approvals from './approvals';
import * as audit from './audit';
import { resolveModelUri } from './model-uris';
import * as versions from './model-versions';
import * as models from './registered-models';

export class RegistryClient {
  constructor(readonly workspace: Workspace) {}

  /** Throws RESOURCE_ALREADY_EXISTS for a taken name. @example await client.createRegisteredModel('churn', { tags: { team: 'ml' }, description: 'weekly churn' }) */
  createRegisteredModel(name: string, options?: models.CreateRegisteredModelOptions): Promise<RegisteredModel> { return models.createRegisteredModel(this.workspace, name, options); }
  /** With its latest version per stage and its aliases. @example const m = await client.getRegisteredModel('churn') */
  getRegisteredModel(name: string): Promise<RegisteredModel> { return models.getRegisteredModel(this.workspace, name); }
  /** Versions, aliases, gate and pending requests follow the new name. @example await client.renameRegisteredModel('churn', 'churn-v2') */
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> { return models.renameRegisteredModel(this.workspace, name, newName); }
  /** @example await client.updateRegisteredModel('churn', { description: 'gradient boosting, weekly' }) */
  updateRegisteredModel(name: string, options: { description?: string }): Promise<RegisteredModel> { return models.updateRegisteredModel(this.workspace, name, options); }
  /** Removes its versions, aliases, tags and gate; its audit trail stays. @example await client.deleteRegisteredModel('churn') */
  deleteRegisteredModel(name: string): Promise<void> { return models.deleteRegisteredModel(this.workspace, name); }
  /** @example await client.setRegisteredModelTag('churn', 'team', 'growth') */
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void> { return models.setRegisteredModelTag(this.workspace, name, key, value); }
  /** Deleting a missing tag is a no-op, as in MLflow. @example await client.deleteRegisteredModelTag('churn', 'team') */
  deleteRegisteredModelTag(name: string, key: string): Promise<void> { return models.deleteRegisteredModelTag(this.workspace, name, key); }
  /** 100 per page by default (at most 1000). @example await client.searchRegisteredModels({ filterString: "name LIKE 'churn%'", orderBy: ['timestamp DESC'] }) */
  searchRegisteredModels(options?: models.RegistrySearchOptions): Promise<models.RegisteredModelPage> { return models.searchRegisteredModels(this.workspace, options); }

  /** Numbered 1, 2, 3 ... (never reused); any source URI is stored. @example const mv = await client.createModelVersion('churn', `runs:/${runId}/model`, { runId }) */
  createModelVersion(name: string, source: string, options?: versions.CreateModelVersionOptions): Promise<ModelVersion> { return versions.createModelVersion(this.workspace, name, source, options); }
  /** @example const mv = await client.getModelVersion('churn', 3) */
  getModelVersion(name: string, version: string | number): Promise<ModelVersion> { return versions.getModelVersion(this.workspace, name, version); }
  /** The version's source, or where its models:/ source resolved to. @example await client.getModelVersionDownloadUri('churn', 3) */
  getModelVersionDownloadUri(name: string, version: string | number): Promise<string> { return versions.getModelVersionDownloadUri(this.workspace, name, version); }
  /** @example await client.updateModelVersion('churn', 3, { description: 'retrained on May data' }) */
  updateModelVersion(name: string, version: string | number, options: { description?: string }): Promise<ModelVersion> { return versions.updateModelVersion(this.workspace, name, version, options); }
  /** Its aliases go with it; its number is never given again. @example await client.deleteModelVersion('churn', 1) */
  deleteModelVersion(name: string, version: string | number): Promise<void> { return versions.deleteModelVersion(this.workspace, name, version); }
  /** @example await client.setModelVersionTag('churn', 3, 'validated', 'true') */
  setModelVersionTag(name: string, version: string | number, key: string, value: string): Promise<void> { return versions.setModelVersionTag(this.workspace, name, version, key, value); }
  /** @example await client.deleteModelVersionTag('churn', 3, 'validated') */
  deleteModelVersionTag(name: string, version: string | number, key: string): Promise<void> { return versions.deleteModelVersionTag(this.workspace, name, version, key); }
  /** 1000 per page by default (at most 200,000). @example await client.searchModelVersions({ filterString: "name = 'churn' AND tags.validated = 'true'" }) */
  searchModelVersions(options?: models.RegistrySearchOptions): Promise<versions.ModelVersionPage> { return versions.searchModelVersions(this.workspace, options); }
  /** The highest version per stage (all stages when none given). @example const [prod] = await client.getLatestVersions('churn', ['Production']) */
  getLatestVersions(name: string, stages?: string[]): Promise<ModelVersion[]> { return models.getLatestVersions(this.workspace, name, stages); }
  /**
   * Stage names in any case; with archiveExistingVersions the other Staging/Production versions in that stage are archived.
   * A gated stage throws PERMISSION_DENIED. @example await client.transitionModelVersionStage('churn', 3, 'Production', true)
   */
  transitionModelVersionStage(name: string, version: string | number, stage: string, archiveExistingVersions = false): Promise<ModelVersion> { return versions.transitionModelVersionStage(this.workspace, name, version, stage, archiveExistingVersions); }

  /** Moves the alias if set; a gated alias throws PERMISSION_DENIED. @example await client.setRegisteredModelAlias('churn', 'champion', 3) */
  setRegisteredModelAlias(name: string, alias: string, version: string | number): Promise<void> { return aliases.setRegisteredModelAlias(this.workspace, name, alias, version); }
  /** @example await client.deleteRegisteredModelAlias('churn', 'champion') */
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void> { return aliases.deleteRegisteredModelAlias(this.workspace, name, alias); }
  /** @example const champion = await client.getModelVersionByAlias('churn', 'champion') */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> { return aliases.getModelVersionByAlias(this.workspace, name, alias); }
  /** models:/name/3, /Production (any case), /latest or @alias -> name and version. @example await client.resolveModelUri('models:/churn@champion') // { name: 'churn', version: '3' } */
  resolveModelUri(uri: string): Promise<{ name: string; version: string }> { return resolveModelUri(this.workspace, uri); }

  /** Beyond MLflow: who changed what, when, from -> to; newest first, one model (across renames) or all. @example await client.getRegistryEvents({ name: 'churn' }) */
  getRegistryEvents(options?: audit.RegistryEventFilter): Promise<RegistryEvent[]> { return audit.getRegistryEvents(this.workspace, options); }
  /** The audit trail as CSV. @example const csv = await client.registryEventsCsv({ name: 'churn' }) */
  registryEventsCsv(options?: audit.RegistryEventFilter): Promise<string> { return audit.registryEventsCsv(this.workspace, options); }
  /** Beyond MLflow: these stages/aliases then change only through approved requests. @example await client.setApprovalGate('churn', { stages: ['Production'], aliases: ['champion'] }) */
  setApprovalGate(name: string, gate: { stages: string[]; aliases: string[] }): Promise<void> { return approvals.setApprovalGate(this.workspace, name, gate); }
  /** @example const { stages, aliases } = await client.getApprovalGate('churn') */
  getApprovalGate(name: string): Promise<ApprovalGate> { return approvals.getApprovalGate(this.workspace, name); }
  /** @example const req = await client.requestTransition('churn', 3, { stage: 'Production', archiveExistingVersions: true }, { comment: 'beats v2 by 3%' }) */
  requestTransition(name: string, version: string | number, target: approvals.TransitionTarget, options?: { comment?: string }): Promise<ApprovalRequest> { return approvals.requestTransition(this.workspace, name, version, target, options); }
  /** Applies the change; the approver must be a different user (PERMISSION_DENIED). @example await client.approveTransition(req.id, { comment: 'lgtm' }) */
  approveTransition(requestId: string, options?: { comment?: string }): Promise<ApprovalRequest> { return approvals.approveTransition(this.workspace, requestId, options); }
  /** By a different user than the requester. @example await client.rejectTransition(req.id, { comment: 'needs a holdout run' }) */
  rejectTransition(requestId: string, options?: { comment?: string }): Promise<ApprovalRequest> { return approvals.rejectTransition(this.workspace, requestId, options); }
  /** Only the requester. @example await client.cancelTransition(req.id) */
  cancelTransition(requestId: string, options?: { comment?: string }): Promise<ApprovalRequest> { return approvals.cancelTransition(this.workspace, requestId, options); }
  /** Newest first. @example await client.listTransitionRequests({ name: 'churn', status: 'PENDING' }) */
  listTransitionRequests(options?: approvals.TransitionRequestFilter): Promise<ApprovalRequest[]> { return approvals.listTransitionRequests(this.workspace, options); }
}
