// Compiles a filter AST into a closure, once, so matching 10,000 runs costs one call per node per
// run. Matching rules follow MLflow's file store (SearchUtils._does_run_match_clause in
// mlflow/utils/search_utils.py): an entity lacking the key never satisfies a comparison (not even
// `!=`); IS NULL is the one comparison a missing key satisfies.
//
// NOT is the plain complement: NOT(x) is true whenever x is false, including when the key is
// missing, so `NOT params.a = 'x'` matches runs without param a while `params.a != 'x'` does not.
// NaN follows IEEE (and Python): every comparison with NaN is false except `!=`.

import type { Comparator, ComparisonNode, FilterNode, FilterValue } from './ast';
import { likeMatcher } from './like';

export type Scalar = string | number;

/** How to read a key off an entity: one value (maybe missing) or many (dataset inputs: any). */
export type Getter<E> =
  | { kind: 'one'; get: (entity: E) => Scalar | undefined }
  | { kind: 'any'; some: (entity: E, test: (value: Scalar) => boolean) => boolean };

export type GetterFactory<E, T extends string> = (type: T, key: string) => Getter<E>;

type Test = (value: Scalar) => boolean;

export const isList = (v: FilterValue): v is readonly string[] | readonly number[] => Array.isArray(v);

function scalarTest(comparator: Comparator, value: FilterValue): Test {
  if (isList(value)) {
    const set = new Set<Scalar>(value);
    if (comparator === 'IN') return (v) => set.has(v);
    if (comparator === 'NOT IN') return (v) => !set.has(v);
  }
  if (typeof value === 'number') {
    switch (comparator) {
      case '=': return (v) => v === value;
      case '!=': return (v) => v !== value;
      case '<': return (v) => typeof v === 'number' && v < value;
      case '<=': return (v) => typeof v === 'number' && v <= value;
      case '>': return (v) => typeof v === 'number' && v > value;
      case '>=': return (v) => typeof v === 'number' && v >= value;
      default: break;
    }
  }
  if (typeof value === 'string') {
    switch (comparator) {
      // Case-sensitive, as MLflow's stores are (MySQL via BINARY comparisons).
      case '=': return (v) => v === value;
      case '!=': return (v) => v !== value;
      case 'LIKE':
      case 'ILIKE': {
        const match = likeMatcher(value, comparator === 'ILIKE');
        return (v) => typeof v === 'string' && match(v);
      }
      default: break;
    }
  }
  // The parser never builds other combinations; matching nothing is the safe reading.
  return () => false;
}

function compileComparison<E, T extends string>(
  node: ComparisonNode<T>,
  getters: GetterFactory<E, T>,
): (e: E) => boolean {
  const getter = getters(node.type, node.key);
  const { comparator } = node;
  if (comparator === 'IS NULL' || comparator === 'IS NOT NULL') {
    const present: (e: E) => boolean =
      getter.kind === 'one' ? (e) => getter.get(e) !== undefined : (e) => getter.some(e, () => true);
    return comparator === 'IS NULL' ? (e) => !present(e) : present;
  }
  const test = scalarTest(comparator, node.value);
  if (getter.kind === 'any') return (e) => getter.some(e, test);
  const { get } = getter;
  return (e) => {
    const v = get(e);
    return v !== undefined && test(v);
  };
}

export function compilePredicate<E, T extends string>(
  node: FilterNode<T>,
  getters: GetterFactory<E, T>,
): (e: E) => boolean {
  switch (node.kind) {
    case 'compare':
      return compileComparison(node, getters);
    case 'not': {
      const inner = compilePredicate(node.child, getters);
      return (e) => !inner(e);
    }
    case 'and':
    case 'or': {
      const parts = node.children.map((c) => compilePredicate(c, getters));
      const [a, b] = parts;
      if (node.kind === 'and') {
        if (a === undefined) return () => true;
        if (parts.length === 1) return a;
        if (parts.length === 2 && b !== undefined) return (e) => a(e) && b(e);
        return (e) => parts.every((p) => p(e));
      }
      if (a === undefined) return () => false;
      if (parts.length === 1) return a;
      if (parts.length === 2 && b !== undefined) return (e) => a(e) || b(e);
      return (e) => parts.some((p) => p(e));
    }
  }
}
