// Cursor over the lexer's tokens plus the message helpers shared by the filter parser and the
// comparison reader. The "Invalid clause(s) in filter string" prefix is MLflow's wording for anything that
// is not a well-formed comparison (SearchUtils._process_statement, mlflow/utils/search_utils.py).

import type { Token } from './tokenizer';

export const INVALID_CLAUSE = 'Invalid clause(s) in filter string';

export class TokenStream {
  private pos = 0;
  constructor(
    readonly input: string,
    private readonly tokens: Token[],
  ) {}

  peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    const t = this.tokens[this.pos + offset] ?? last;
    if (t === undefined) throw new Error('token stream without eof');
    return t;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos += 1;
    return t;
  }

  /** The token before the current one (for errors at end of input), or the current one. */
  previous(): Token {
    return this.tokens[this.pos - 1] ?? this.peek();
  }

  isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'keyword' && t.text.toUpperCase() === word;
  }
}

/** "found 'x'" or "found end of input", for messages about an unexpected token. */
export const describeToken = (t: Token): string =>
  t.kind === 'eof' ? 'end of input' : `'${t.text}'`;
