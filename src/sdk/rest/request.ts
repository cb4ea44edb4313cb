// Reading an MLflow REST request: GET fields from the query string, other methods from a JSON
// body, with the checks and messages of mlflow/server/handlers.py (`_get_request_message`,
// `_validate_param_against_schema`) and mlflow/server/validation.py (`_validate_content_type`).
import { MlflowError, invalidParameter } from '../../domain/errors';

export type JsonObject = Record<string, unknown>;

const API_DOCS = ' See the API docs for more information about request parameters.';

/** A limit on the raw body size, checked before parsing (MLflow does this for log-batch only). */
export interface BodyLimit {
  bytes: number;
  message: (size: number) => string;
}

export function missingValue(path: string): MlflowError {
  return invalidParameter(`Missing value for required parameter '${path}'.${API_DOCS}`);
}

/** MLflow's `invalid_value(path, value, " Hint: ...")`: note the double space after the colon. */
export function invalidValue(path: string, value: unknown): MlflowError {
  return invalidParameter(
    `Invalid value ${pythonJson(value)} for parameter '${path}' supplied:  Hint: Value was of type '${pythonType(value)}'.${API_DOCS}`,
  );
}

function pythonType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return Array.isArray(v) ? 'list' : 'dict';
}

/** json.dumps(value, sort_keys=True, separators=(",", ":")) with Python's default ensure_ascii. */
function pythonJson(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : String(v);
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(v)) return `[${v.map(pythonJson).join(',')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as JsonObject).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${pythonJson(k)}:${pythonJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

// Field coercions shared by top-level fields and nested entities (json.ts). Each mirrors what
// protobuf's JSON parser accepts for the field type; anything else is MLflow's invalid-value error.

export function isAbsent(v: unknown): v is undefined | null {
  return v === undefined || v === null;
}

export function asString(v: unknown, path: string): string {
  if (typeof v !== 'string') throw invalidValue(path, v);
  return v;
}

/** int64: JSON integers, or decimal strings (protobuf JSON writes int64 as strings). Fractions are
 * truncated like the SDK does, since MLflow's `_assert_intlike` lets them through too. */
export function asInt(v: unknown, path: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  throw invalidValue(path, v);
}

/** double: JSON numbers, or strings: protobuf's "NaN" / "Infinity" / "-Infinity" and decimals. */
export function asDouble(v: unknown, path: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'nan') return NaN;
    if (s === 'infinity' || s === 'inf' || s === '+infinity' || s === '+inf') return Infinity;
    if (s === '-infinity' || s === '-inf') return -Infinity;
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return Number(s);
  }
  throw invalidValue(path, v);
}

/** A proto enum: its name, or its number (1-based here: every MLflow enum we read starts at 1). */
export function asEnum<T extends string>(v: unknown, path: string, names: readonly T[]): T {
  if (typeof v === 'string' && (names as readonly string[]).includes(v)) return v as T;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  const byNumber = Number.isInteger(n) ? names[n - 1] : undefined;
  if (byNumber === undefined) throw invalidValue(path, v);
  return byNumber;
}

export function asObject(v: unknown, path: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidValue(path, v);
  return v as JsonObject;
}

/** A repeated message field: a list of JSON objects. */
export function asObjectList(v: unknown, path: string): JsonObject[] {
  if (!Array.isArray(v)) throw invalidValue(path, v);
  return v.map((x, i) => asObject(x, `${path}[${i}]`));
}

/** A required field: absent, null and "" are all "missing", as in `_assert_required`. */
export function required<T>(v: unknown, path: string, coerce: (v: unknown, path: string) => T): T {
  if (isAbsent(v) || v === '') throw missingValue(path);
  return coerce(v, path);
}

export function optional<T>(v: unknown, path: string, coerce: (v: unknown, path: string) => T): T | undefined {
  return isAbsent(v) ? undefined : coerce(v, path);
}

/**
 * The fields of one request. GET fields come from the query string (repeated keys for lists);
 * every other method reads a JSON object body.
 */
export class RequestParams {
  private constructor(
    private readonly query: URLSearchParams | undefined,
    private readonly body: JsonObject,
  ) {}

  static async read(request: Request, limit?: BodyLimit): Promise<RequestParams> {
    if (request.method === 'GET' || request.method === 'HEAD') {
      return new RequestParams(new URL(request.url).searchParams, {});
    }
    if (request.method === 'POST' || request.method === 'PUT') checkContentType(request.headers.get('Content-Type'));
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (limit && bytes.byteLength > limit.bytes) throw invalidParameter(limit.message(bytes.byteLength));
    return new RequestParams(undefined, parseBody(new TextDecoder().decode(bytes)));
  }

  /** A scalar field's raw value: the first query value, or the JSON value. */
  get(name: string): unknown {
    return this.query ? (this.query.get(name) ?? undefined) : this.body[name];
  }

  /** A repeated field's raw value: every query value (undefined when none), or the JSON value. */
  private getList(name: string): unknown {
    if (!this.query) return this.body[name];
    const all = this.query.getAll(name);
    return all.length > 0 ? all : undefined;
  }

  string(name: string): string | undefined {
    return optional(this.get(name), name, asString);
  }

  requiredString(name: string): string {
    return this.require(name, asString);
  }

  /** A required scalar field of any type. */
  require<T>(name: string, coerce: (v: unknown, path: string) => T): T {
    return required(this.get(name), name, coerce);
  }

  int(name: string): number | undefined {
    return optional(this.get(name), name, asInt);
  }

  /** A bool field: JSON true/false, or "true"/"false" (any case) in a GET query string, where
   * every value is a string. A JSON string is protobuf's parse error, then MLflow's invalid value. */
  bool(name: string): boolean | undefined {
    return optional(this.get(name), name, (v, path) => {
      if (typeof v === 'boolean') return v;
      const s = this.query && typeof v === 'string' ? v.toLowerCase() : undefined;
      if (s === 'true' || s === 'false') return s === 'true';
      throw invalidValue(path, v);
    });
  }

  enumValue<T extends string>(name: string, names: readonly T[]): T | undefined {
    return optional(this.get(name), name, (v, p) => asEnum(v, p, names));
  }

  /** `run_id`, or the deprecated `run_uuid` when run_id is absent or empty. */
  runId(): string {
    const runId = this.get('run_id');
    return required(isAbsent(runId) || runId === '' ? this.get('run_uuid') : runId, 'run_id', asString);
  }

  stringList(name: string): string[] | undefined {
    const v = this.getList(name);
    if (isAbsent(v)) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw invalidValue(name, v);
    return v as string[];
  }

  /** A repeated message field (JSON only: the query string cannot carry objects). */
  objectList(name: string): JsonObject[] | undefined {
    return optional(this.getList(name), name, asObjectList);
  }
}

function checkContentType(header: string | null): void {
  // MLflow compares the media type exactly, parameters such as charset removed.
  const type = header === null ? undefined : header.split(';')[0];
  if (type === 'application/json') return;
  let message = 'Bad Request. Content-Type must be one of [application/json].';
  // MLflow echoes the type back only when it is made of harmless characters (no XSS).
  if (type !== undefined && /^[a-zA-Z0-9\-/;,+_ ]*$/.test(type)) message += ` Got '${type}'.`;
  throw invalidParameter(message);
}

function parseBody(text: string): JsonObject {
  if (text.trim() === '') return {};
  let value = parseJson(text);
  // Old clients post their JSON encoded a second time, as a JSON string.
  if (typeof value === 'string') value = parseJson(value);
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter('Invalid request body: expected a JSON object.');
  }
  return value as JsonObject;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalidParameter(`Malformed JSON in request body: ${e instanceof Error ? e.message : String(e)}`);
  }
}
