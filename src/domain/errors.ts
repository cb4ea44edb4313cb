// MLflow's error codes and the HTTP statuses its server maps them to
// (mlflow/protos/databricks.proto, mlflow/server/handlers.py). Every failure the SDK reports is an
// MlflowError so REST, UI and tests can all branch on `errorCode` exactly as MLflow users do.

export const ERROR_HTTP_STATUS = {
  INTERNAL_ERROR: 500,
  BAD_REQUEST: 400,
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  CUSTOMER_UNAUTHORIZED: 401,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_CONFLICT: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INVALID_STATE: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

/** Where in a user-typed string (a search filter, an order_by clause) the problem is. */
export interface ErrorLocation {
  /** The offending token as the user typed it. */
  token: string;
  /** 0-based character offset of the token in the input. */
  start: number;
  /** Offset just past the token. */
  end: number;
}

/**
 * An error with MLflow's error code.
 *
 * @example
 * try { await client.getRun('nope') } catch (e) {
 *   if (e instanceof MlflowError && e.errorCode === 'RESOURCE_DOES_NOT_EXIST') { ... }
 * }
 */
export class MlflowError extends Error {
  override readonly name = 'MlflowError';
  readonly errorCode: ErrorCode;
  readonly location: ErrorLocation | undefined;

  constructor(message: string, errorCode: ErrorCode = 'INTERNAL_ERROR', location?: ErrorLocation) {
    super(message);
    this.errorCode = errorCode;
    this.location = location;
  }

  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.errorCode] ?? 500;
  }

  /** MLflow's REST error body. */
  toJSON(): { error_code: ErrorCode; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

export const invalidParameter = (message: string, location?: ErrorLocation): MlflowError =>
  new MlflowError(message, 'INVALID_PARAMETER_VALUE', location);

export const doesNotExist = (message: string): MlflowError =>
  new MlflowError(message, 'RESOURCE_DOES_NOT_EXIST');

export const alreadyExists = (message: string): MlflowError =>
  new MlflowError(message, 'RESOURCE_ALREADY_EXISTS');
