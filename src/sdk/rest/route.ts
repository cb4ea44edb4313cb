// What a REST route is: an MLflow endpoint path and method, and the function answering it with
// the response message as a JSON object (handler.ts turns it, or its MlflowError, into a Response).
import type { MlflowClient } from '../client';
import type { Workspace } from '../workspace';
import type { BodyLimit, JsonObject, RequestParams } from './request';

export interface RouteContext {
  client: MlflowClient;
  workspace: Workspace;
  params: RequestParams;
}

export interface Route {
  /** relative to /api/2.0/mlflow/, e.g. 'runs/get' */
  path: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  handle: (ctx: RouteContext) => Promise<JsonObject>;
  /** checked on the raw body before it is parsed */
  bodyLimit?: BodyLimit;
}
