// Prints a filter AST back to filter syntax that parses to the same AST (MLflow has no printer;
// the quoting rules mirror how its parser unquotes: SearchUtils._strip_quotes / _trim_backticks in
// mlflow/utils/search_utils.py). Used for round-trip tests and for rewriting filters in the UI.

import type { ComparisonNode, FilterNode, FilterValue } from './ast';
import { invalidParameter } from '../errors';

const BARE_KEY = /^[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*$/u;

const unprintable = (what: string, text: string): Error =>
  invalidParameter(`Cannot print ${what} ${JSON.stringify(text)} as filter syntax`);

/** A key as it may follow `prefix.`: bare when possible, else backticked or double-quoted. */
export function printKey(key: string): string {
  if (BARE_KEY.test(key)) return key;
  if (!key.includes('`')) return `\`${key}\``;
  // The parser strips quotes and THEN backticks, so "`x`" would lose its backticks.
  const backticked = key.length >= 2 && key.startsWith('`') && key.endsWith('`');
  if (!key.includes('"') && !key.endsWith('\\') && !backticked) return `"${key}"`;
  throw unprintable('key', key);
}

/** A string literal. Quotes inside are never unescaped by MLflow, so pick the other quote. */
export function printString(value: string): string {
  // A trailing backslash would escape the closing quote when more text follows.
  if (value.endsWith('\\')) throw unprintable('value', value);
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw unprintable('value', value);
}

const printNumber = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

function printValue(value: FilterValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return printNumber(value);
  if (typeof value === 'string') return printString(value);
  const items: string[] = [];
  for (const item of value) items.push(typeof item === 'number' ? printNumber(item) : printString(item));
  return `(${items.join(', ')})`;
}

export type IdentifierPrinter<T extends string> = (type: T, key: string) => string;

function printComparison<T extends string>(node: ComparisonNode<T>, ident: IdentifierPrinter<T>): string {
  const left = ident(node.type, node.key);
  if (node.value === null) return `${left} ${node.comparator}`;
  return `${left} ${node.comparator} ${printValue(node.value)}`;
}

type Context = 'top' | 'and' | 'or' | 'not';

function print<T extends string>(node: FilterNode<T>, ident: IdentifierPrinter<T>, ctx: Context): string {
  switch (node.kind) {
    case 'compare':
      return printComparison(node, ident);
    case 'not':
      return `NOT ${print(node.child, ident, 'not')}`;
    case 'and': {
      if (node.children.length === 0) {
        if (ctx === 'top') return '';
        throw invalidParameter('Cannot print an empty AND inside another expression');
      }
      const text = node.children.map((c) => print(c, ident, 'and')).join(' AND ');
      return ctx === 'not' && node.children.length > 1 ? `(${text})` : text;
    }
    case 'or': {
      const text = node.children.map((c) => print(c, ident, 'or')).join(' OR ');
      return (ctx === 'and' || ctx === 'not') && node.children.length > 1 ? `(${text})` : text;
    }
  }
}

export function printFilter<T extends string>(node: FilterNode<T>, ident: IdentifierPrinter<T>): string {
  return print(node, ident, 'top');
}
