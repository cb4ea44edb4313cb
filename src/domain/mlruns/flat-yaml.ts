// MLflow writes run and experiment meta.yaml with yaml.safe_dump (block style, sorted keys): one
// `key: scalar` per line. Parsing those with the full YAML library costs milliseconds a file, which
// is seconds for a thousand runs, so lines of exactly that shape are read here with PyYAML's
// scalar rules (plain scalars resolved by pyyaml-load's resolvers, single-quoted strings, `[]`
// and `{}`). Anything else (nested mappings, lists, multi-line, double-quoted or tagged values,
// anchors, comments) returns undefined and goes to loadPyYaml, which also does the refusing.
import { PY_BOOL_FALSE, PY_BOOL_TRUE, PY_NULL, resolvesAsNonString } from '../models/pyyaml-load';

const LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
/** A plain scalar that is certainly one: no indicator first, no `: ` or ` #` inside. */
const PLAIN = /^(?![-?:,[\]{}#&*!|>'"%@`\s])(?:[^:#]|:(?! )|(?<! )#)*(?<![: ])$/;
const NEGATIVE_NUMBER = /^-\d/;
const DECIMAL_INT = /^[-+]?(?:0|[1-9]\d*)$/;

function scalar(raw: string): { value: unknown } | undefined {
  const v = raw.trimEnd();
  if (v === '') return { value: null };
  if (v === '[]') return { value: [] };
  if (v === '{}') return { value: {} };
  const quoted = SINGLE_QUOTED.exec(v);
  if (quoted) return { value: (quoted[1] as string).replace(/''/g, "'") };
  if (!PLAIN.test(v) && !(NEGATIVE_NUMBER.test(v) && PLAIN.test(v.slice(1)))) return undefined;
  if (!resolvesAsNonString(v)) return { value: v };
  if (PY_NULL.test(v)) return { value: null };
  if (PY_BOOL_TRUE.test(v)) return { value: true };
  if (PY_BOOL_FALSE.test(v)) return { value: false };
  if (DECIMAL_INT.test(v) && Number.isSafeInteger(Number(v))) return { value: Number(v) };
  return undefined;
}

/**
 * The mapping of a flat `key: scalar` YAML text, or undefined when the text is not that simple.
 * @example readFlatYaml("experiment_id: '1'\nstatus: 3\ntags: []\n") // { experiment_id: '1', status: 3, tags: [] }
 */
export function readFlatYaml(text: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let keys = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    const m = LINE.exec(line);
    if (!m) return undefined;
    const value = scalar(m[2] ?? '');
    if (!value) return undefined;
    out[m[1] as string] = value.value;
    keys++;
  }
  return keys > 0 ? out : undefined;
}
