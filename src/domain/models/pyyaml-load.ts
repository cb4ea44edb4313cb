// Reading YAML the way MLflow does: `yaml.safe_load` (PyYAML's SafeLoader, YAML 1.1 with PyYAML's
// own implicit resolvers in yaml/resolver.py and constructors in yaml/constructor.py). The `yaml`
// package parses; we swap its YAML 1.1 scalar rules for PyYAML's (PyYAML reads `y`/`n` as strings,
// needs a dot in a float, an explicit exponent sign, ...). No tag ever constructs an object: tags
// outside the plain-data set are refused (or, for the lenient run-page summary, reported).
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type ScalarTag, type Tags } from 'yaml';
import { invalidParameter } from '../errors';

const TAG = 'tag:yaml.org,2002:';
export const PY_BOOL_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
export const PY_BOOL_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
export const PY_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
export const PY_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
export const PY_NULL = /^(?:~|null|Null|NULL|)$/;
export const PY_TIMESTAMP = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;
/** PyYAML's `merge` (`<<`), `value` (`=`) and `yaml` (`!`, `&`, `*`) resolvers. */
const PY_OTHER = /^(?:<<|=|!|&|\*)$/;

/** True when PyYAML would read this text, unquoted, as something other than a string. */
export function resolvesAsNonString(text: string): boolean {
  return [PY_BOOL_TRUE, PY_BOOL_FALSE, PY_INT, PY_FLOAT, PY_NULL, PY_TIMESTAMP, PY_OTHER].some((re) => re.test(text));
}

function toNumberIfSafe(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

function sexagesimal(text: string, parse: (part: string) => number): number {
  return text.split(':').reduce((total, part) => total * 60 + parse(part), 0);
}

/** construct_yaml_int: `0b`, `0x`, leading-zero octal, `1:30` base 60, `_` separators. */
function constructInt(raw: string): number | bigint {
  let text = raw.replace(/_/g, '');
  const negative = text.startsWith('-');
  if (text.startsWith('-') || text.startsWith('+')) text = text.slice(1);
  let value: bigint;
  if (text.startsWith('0b')) value = BigInt(text);
  else if (text.startsWith('0x')) value = BigInt(text);
  else if (text.includes(':')) value = BigInt(sexagesimal(text, Number));
  else if (text.length > 1 && text.startsWith('0')) value = BigInt(`0o${text.slice(1)}`);
  else value = BigInt(text);
  return toNumberIfSafe(negative ? -value : value);
}

function constructFloat(raw: string): number {
  let text = raw.replace(/_/g, '').toLowerCase();
  const sign = text.startsWith('-') ? -1 : 1;
  if (text.startsWith('-') || text.startsWith('+')) text = text.slice(1);
  if (text === '.inf') return sign * Infinity;
  if (text === '.nan') return NaN;
  if (text.includes(':')) return sign * sexagesimal(text, Number.parseFloat);
  return sign * Number.parseFloat(text);
}

const PY_SCALARS: ScalarTag[] = [
  { tag: `${TAG}null`, default: true, test: PY_NULL, resolve: () => null },
  { tag: `${TAG}bool`, default: true, test: PY_BOOL_TRUE, resolve: () => true },
  { tag: `${TAG}bool`, default: true, test: PY_BOOL_FALSE, resolve: () => false },
  { tag: `${TAG}int`, default: true, test: PY_INT, resolve: constructInt },
  { tag: `${TAG}float`, default: true, test: PY_FLOAT, resolve: constructFloat },
];
const REPLACED = new Set(['null', 'bool', 'int', 'float'].map((t) => TAG + t));
/** What `safe_load` constructs that is plain data. (It also knows binary, set, omap and pairs; no MLmodel uses them and Orchard refuses them.) */
const PLAIN_TAGS = new Set(['!', ...['map', 'seq', 'str', 'null', 'bool', 'int', 'float', 'timestamp', 'merge'].map((t) => TAG + t)]);
const SAFE_BUT_UNUSED = new Set(['binary', 'set', 'omap', 'pairs'].map((t) => TAG + t));
const MAX_ALIASES = 100;
const MAX_DEPTH = 100;
export const MAX_YAML_CHARS = 16 * 1024 * 1024;

export interface LoadedYaml {
  value: unknown;
  /** Only in `lenient` mode: tags read as plain data, anything else worth telling. */
  warnings: string[];
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function checkDepthAndCycles(value: unknown, where: string, ancestors: Set<object>, depth: number): unknown {
  if (typeof value === 'bigint') return toNumberIfSafe(value);
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (depth > MAX_DEPTH) throw invalidParameter(`The YAML is nested more than ${MAX_DEPTH} levels deep (at ${where}).`);
  if (ancestors.has(value)) throw invalidParameter(`The YAML has an alias that contains itself (at ${where}); an MLmodel file is a tree.`);
  if (value instanceof Map || value instanceof Set || ArrayBuffer.isView(value)) throw invalidParameter(`Unsupported YAML value at ${where}.`);
  ancestors.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => { value[i] = checkDepthAndCycles(v, `${where}[${i}]`, ancestors, depth + 1); });
  else for (const [k, v] of Object.entries(value)) Object.assign(value, { [k]: checkDepthAndCycles(v, `${where}.${k}`, ancestors, depth + 1) });
  ancestors.delete(value);
  return value;
}

/**
 * Parses YAML text as PyYAML's safe_load would, into plain data (objects, arrays, strings,
 * numbers, bigints beyond 2^53, booleans, null, Date for timestamps).
 * `strict` (the default) refuses any non-plain tag and self-containing aliases; `lenient` reads
 * unknown tags as plain data with a warning and leaves cycles to the caller.
 * @example loadPyYaml('a: yes\nb: 1.0e+3\nc: 1e3').value // { a: true, b: 1000, c: '1e3' }
 */
export function loadPyYaml(text: string, mode: 'strict' | 'lenient' = 'strict'): LoadedYaml {
  if (text.length > MAX_YAML_CHARS) throw invalidParameter(`The YAML is too large (${text.length} characters; at most ${MAX_YAML_CHARS}).`);
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, {
      version: '1.1',
      schema: 'yaml-1.1',
      merge: true,
      uniqueKeys: false,
      prettyErrors: true,
      lineCounter,
      customTags: (tags) => [
        ...PY_SCALARS,
        ...tags.flatMap((t): Tags => {
          if (typeof t === 'string' || REPLACED.has(t.tag)) return [];
          return [t.tag === `${TAG}timestamp` && !t.collection ? { ...t, test: PY_TIMESTAMP } : t];
        }),
      ],
    });
  } catch (e) {
    throw invalidParameter(`Not valid YAML: ${e instanceof Error ? firstLine(e.message) : String(e)}`);
  }
  const error = doc.errors[0];
  if (error) throw invalidParameter(`Not valid YAML: ${firstLine(error.message)}`);
  const warnings: string[] = [];
  visit(doc, (_key, node) => {
    if (!(isScalar(node) || isMap(node) || isSeq(node)) || node.tag === undefined || PLAIN_TAGS.has(node.tag)) return;
    const { line } = lineCounter.linePos(node.range?.[0] ?? 0);
    if (mode === 'lenient') return;
    const why = SAFE_BUT_UNUSED.has(node.tag)
      ? 'MLmodel files never use it'
      : `MLflow's yaml.safe_load refuses it too ("could not determine a constructor for the tag '${node.tag}'")`;
    throw invalidParameter(
      `Refusing the YAML tag '${node.tag}' at line ${line}: only plain data (mappings, lists, strings, numbers, booleans, null, timestamps) is read; ${why}.`,
    );
  });
  if (mode === 'lenient') warnings.push(...doc.warnings.map((w) => `Read as plain data: ${firstLine(w.message)}`));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw invalidParameter(`Could not read the YAML: ${e instanceof Error ? firstLine(e.message) : String(e)}`);
  }
  if (mode === 'strict') value = checkDepthAndCycles(value, '$', new Set(), 0);
  return { value, warnings };
}
