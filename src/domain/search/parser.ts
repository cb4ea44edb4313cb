// Recursive-descent parser for MLflow search filters (SearchUtils.parse_search_filter /
// _process_statement / _get_comparison in mlflow/utils/search_utils.py), extended with OR, NOT and
// parentheses. Grammar (NOT > AND > OR):
//   filter  := AND* [or AND*] EOF          stray leading/trailing ANDs are tolerated, as in MLflow
//   or      := and (OR and)*
//   and     := not ((AND+ | <nothing>) not)*  MLflow also accepts comparisons side by side
//   not     := NOT not | '(' or ')' | comparison
// Parsing is two-phase like MLflow's: the whole string must be well-formed (else "Invalid
// clause(s) ...") before any comparison's identifier, value and comparator are checked.

import type { Dialect, EntityGrammar, FilterNode, ParseOptions } from './ast';
import { readComparison, resolveComparison, type RawComparison } from './comparison';
import { invalidParameter } from '../errors';
import { syntaxError, tokenize, type Token } from './tokenizer';
import { INVALID_CLAUSE, TokenStream, describeToken } from './token-stream';

function checkStatements(input: string, tokens: Token[]): void {
  const semi = tokens.findIndex((t) => t.kind === 'semicolon');
  const semicolon = tokens[semi];
  if (semicolon === undefined) return;
  // Text after a `;` is a second SQL statement for sqlparse; a lone trailing `;` is a bad token.
  if (tokens[semi + 1]?.kind !== 'eof') {
    throw syntaxError(
      `Search filter contained multiple expression '${input}'. Provide AND-ed expression list.`,
      semicolon,
    );
  }
  throw syntaxError(`${INVALID_CLAUSE}: ';'`, semicolon);
}

/** The syntax tree before resolution: comparisons still hold their tokens. */
type RawNode =
  | RawComparison
  | { kind: 'and' | 'or'; children: RawNode[] }
  | { kind: 'not'; child: RawNode };

function resolve<T extends string>(node: RawNode, g: EntityGrammar<T>, dialect: Dialect): FilterNode<T> {
  switch (node.kind) {
    case 'compare':
      return resolveComparison(node, g, dialect);
    case 'not':
      return { kind: 'not', child: resolve(node.child, g, dialect) };
    case 'and':
      return { kind: 'and', children: node.children.map((c) => resolve(c, g, dialect)) };
    case 'or':
      return { kind: 'or', children: node.children.map((c) => resolve(c, g, dialect)) };
  }
}

export function parseFilter<T extends string>(
  input: string | null | undefined,
  grammar: EntityGrammar<T>,
  options: ParseOptions = {},
): FilterNode<T> {
  const dialect: Dialect = options.dialect ?? 'orchard';
  if (input === null || input === undefined || input === '') return { kind: 'and', children: [] };
  const tokens = tokenize(input);
  checkStatements(input, tokens);
  const stream = new TokenStream(input, tokens);
  const raw = new Parser(stream, dialect).parseAll();
  return resolve(raw, grammar, dialect);
}

class Parser {
  constructor(
    private readonly s: TokenStream,
    private readonly dialect: Dialect,
  ) {}

  parseAll(): RawNode {
    const { s } = this;
    if (s.peek().kind === 'eof' && this.dialect === 'mlflow') {
      // sqlparse yields no statement at all for a whitespace-only string.
      throw invalidParameter(`Invalid filter '${s.input}'. Could not be parsed.`, {
        token: s.input,
        start: 0,
        end: s.input.length,
      });
    }
    while (s.isKeyword('AND')) s.next();
    if (s.peek().kind === 'eof') return { kind: 'and', children: [] };
    const node = this.parseOr();
    const rest = s.peek();
    if (rest.kind === 'rparen') throw syntaxError(`${INVALID_CLAUSE}: unmatched ')'`, rest);
    if (rest.kind !== 'eof') throw syntaxError(`${INVALID_CLAUSE}: unexpected ${describeToken(rest)}`, rest);
    return node;
  }

  private extension(token: Token): void {
    if (this.dialect === 'mlflow') throw syntaxError(`${INVALID_CLAUSE}: '${token.text}'`, token);
  }

  private parseOr(): RawNode {
    const children = [this.parseAnd()];
    while (this.s.isKeyword('OR')) {
      this.extension(this.s.next());
      children.push(this.parseAnd());
    }
    return join('or', children);
  }

  private parseAnd(): RawNode {
    const { s } = this;
    const children = [this.parseNot()];
    for (;;) {
      if (s.isKeyword('AND')) {
        while (s.isKeyword('AND')) s.next();
        // Trailing ANDs are tolerated only at the very end, like MLflow's stray AND tokens.
        if (s.peek().kind === 'eof') break;
        children.push(this.parseNot());
      } else if (s.peek().kind === 'ident') {
        // Two comparisons side by side: sqlparse groups both and MLflow ANDs them, except when
        // an IN list or IS NULL test follows anything but IS NULL (sqlparse then glues the two
        // into one aliased identifier). The orchard dialect reads all of these as AND.
        const prev = children[children.length - 1];
        const next = readComparison(s);
        const prevIsNull = prev?.kind === 'compare' && prev.op.startsWith('IS');
        if (this.dialect === 'mlflow' && !prevIsNull && /^(?:NOT IN|IN|IS NULL|IS NOT NULL)$/.test(next.op)) {
          throw syntaxError(`${INVALID_CLAUSE}: expected AND before '${next.ident.text}'`, next.ident);
        }
        children.push(next);
      } else {
        break;
      }
    }
    return join('and', children);
  }

  private parseNot(): RawNode {
    const { s } = this;
    if (s.isKeyword('NOT')) {
      this.extension(s.next());
      // NOT(x) is the plain complement of x: a run lacking the key does not match x, so it
      // matches NOT x. (MLflow has no NOT; its `!=` still excludes runs lacking the key.)
      return { kind: 'not', child: this.parseNot() };
    }
    const t = s.peek();
    if (t.kind === 'lparen') {
      this.extension(s.next());
      if (s.peek().kind === 'rparen') throw syntaxError(`${INVALID_CLAUSE}: empty parentheses`, s.peek());
      const inner = this.parseOr();
      if (s.peek().kind !== 'rparen') {
        throw syntaxError(`${INVALID_CLAUSE}: missing ')' to close this '('`, t);
      }
      s.next();
      return inner;
    }
    if (t.kind === 'ident') return readComparison(s);
    throw this.expectedComparison(t);
  }

  private expectedComparison(t: Token): Error {
    const { s } = this;
    if ((t.kind === 'string' || t.kind === 'number') && s.peek(1).kind === 'op') {
      return syntaxError(`Invalid comparison clause. Expected 'Identifier' found '${t.text}'`, t);
    }
    if (t.kind === 'eof') {
      const prev = s.previous();
      return syntaxError(`${INVALID_CLAUSE}: expected a comparison after '${prev.text}'`, prev);
    }
    return syntaxError(`${INVALID_CLAUSE}: expected a comparison, found ${describeToken(t)}`, t);
  }
}

/** Builds an AND/OR node, flattening nested nodes of the same kind and unwrapping singletons. */
function join(kind: 'and' | 'or', parts: RawNode[]): RawNode {
  const children: RawNode[] = [];
  for (const p of parts) {
    if (p.kind === kind) children.push(...p.children);
    else children.push(p);
  }
  const only = children[0];
  if (children.length === 1 && only !== undefined) return only;
  return { kind, children };
}
