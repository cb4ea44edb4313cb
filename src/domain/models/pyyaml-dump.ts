// Writing YAML byte-for-byte as MLflow's Model.to_yaml does: `yaml.safe_dump(d,
// default_flow_style=False)`. Follows PyYAML's representer (yaml/representer.py: sorted keys,
// float repr, quoting any string that would read back as another type) and emitter
// (yaml/emitter.py: analyze_scalar, choose_scalar_style, the 80-column folding of plain and
// quoted scalars, indentless sequences inside mappings, `{}`/`[]` for empty collections).
import { invalidParameter } from '../errors';
import { analyze, compareCodePoints, printableUnicode, representScalar, type Scalar } from './pyyaml-scalar';

const WIDTH = 80;
const INDENT = 2;
const MAX_DEPTH = 100;
const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P',
};

class Emitter {
  out = '';
  constructor(private readonly allowUnicode = false) {}
  private column = 0;
  private indent: number | null = null;
  private whitespace = true;
  private indention = true;

  private write(data: string): void {
    this.out += data;
    // PyYAML counts code points; only astral characters (written raw with allowUnicode) differ.
    this.column += /[\ud800-\udbff]/.test(data) ? Array.from(data).length : data.length;
  }

  private lineBreak(): void {
    this.out += '\n';
    this.column = 0;
    this.whitespace = true;
    this.indention = true;
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  private indicator(text: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? text : ` ${text}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  private withIndent(flow: boolean, indentless: boolean, body: () => void): void {
    const saved = this.indent;
    if (this.indent === null) this.indent = flow ? INDENT : 0;
    else if (!indentless) this.indent += INDENT;
    body();
    this.indent = saved;
  }

  node(value: unknown, ctx: { mapping: boolean; simpleKey: boolean }, where: string, depth: number): void {
    if (depth > MAX_DEPTH) throw invalidParameter(`Cannot write ${where} to YAML: nested more than ${MAX_DEPTH} levels (a cycle?).`);
    const scalar = representScalar(value, where);
    if (scalar) return this.withIndent(true, false, () => this.scalar(scalar, ctx.simpleKey));
    if (Array.isArray(value)) {
      if (value.length === 0) return this.emptyFlow('[]');
      return this.withIndent(false, ctx.mapping && !this.indention, () => {
        value.forEach((item, i) => {
          this.writeIndent();
          this.indicator('-', true, false, true);
          this.node(item === undefined ? null : item, { mapping: false, simpleKey: false }, `${where}[${i}]`, depth + 1);
        });
      });
    }
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareCodePoints(a, b));
    if (entries.length === 0) return this.emptyFlow('{}');
    this.withIndent(false, false, () => {
      for (const [key, v] of entries) {
        this.writeIndent();
        const a = analyze(key, this.allowUnicode);
        if (key.length + 5 < 128 && !a.empty && !a.multiline) {
          this.node(key, { mapping: true, simpleKey: true }, where, depth + 1);
          this.indicator(':', false);
        } else {
          this.indicator('?', true, false, true);
          this.node(key, { mapping: true, simpleKey: false }, where, depth + 1);
          this.writeIndent();
          this.indicator(':', true, false, true);
        }
        this.node(v, { mapping: true, simpleKey: false }, `${where}.${key}`, depth + 1);
      }
    });
  }

  private emptyFlow(text: string): void {
    this.indicator(text[0] ?? '', true, true);
    this.indicator(text[1] ?? '', false);
  }

  private scalar({ text, implicitPlain }: Scalar, simpleKey: boolean): void {
    const a = analyze(text, this.allowUnicode);
    const split = !simpleKey;
    if (implicitPlain && !(simpleKey && (a.empty || a.multiline)) && a.allowBlockPlain) return this.plain(text, split);
    if (a.allowSingleQuoted && !(simpleKey && a.multiline)) return this.singleQuoted(text, split);
    this.doubleQuoted(text, split);
  }

  private plain(text: string, split: boolean): void {
    if (text === '') return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    this.folded(text, split, false);
  }

  private singleQuoted(text: string, split: boolean): void {
    this.indicator("'", true);
    this.folded(text, split, true);
    this.indicator("'", false);
  }

  /** write_plain / write_single_quoted: break at a lone space once past the width; line breaks doubled. */
  private folded(text: string, split: boolean, quoted: boolean): void {
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (spaces) {
        if (ch !== ' ') {
          const atEdge = quoted && (start === 0 || end === text.length);
          if (start + 1 === end && this.column > WIDTH && split && !atEdge) {
            this.writeIndent();
            if (!quoted) {
              this.whitespace = false;
              this.indention = false;
            }
          } else this.write(text.slice(start, end));
          start = end;
        }
      } else if (breaks) {
        if (ch !== '\n') {
          if (text[start] === '\n') this.lineBreak();
          for (let i = start; i < end; i++) this.lineBreak();
          this.writeIndent();
          if (!quoted) {
            this.whitespace = false;
            this.indention = false;
          }
          start = end;
        }
      } else if (ch === undefined || ch === ' ' || ch === '\n' || (quoted && ch === "'")) {
        if (start < end) this.write(text.slice(start, end));
        start = end;
      }
      if (quoted && ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = ch === '\n';
      }
    }
  }

  private doubleQuoted(text: string, split: boolean): void {
    this.indicator('"', true);
    const chars = Array.from(text);
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (ch === undefined || '"\\\x85\u2028\u2029\ufeff'.includes(ch) || !((ch >= ' ' && ch <= '~') || (this.allowUnicode && printableUnicode(ch) && ch.length === 1))) {
        if (start < end) this.write(chars.slice(start, end).join(''));
        if (ch !== undefined) {
          const code = ch.codePointAt(0) ?? 0;
          const hex = code.toString(16).toUpperCase();
          const escaped = ESCAPES[ch];
          this.write(escaped !== undefined ? `\\${escaped}` : code <= 0xff ? `\\x${hex.padStart(2, '0')}` : code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`);
          start = end + 1;
        }
      }
      if (end > 0 && end < chars.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > WIDTH && split) {
        this.write(`${chars.slice(start, end).join('')}\\`);
        if (start < end) start = end;
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (chars[start] === ' ') this.write('\\');
      }
    }
    this.indicator('"', false);
  }
}

/**
 * `yaml.safe_dump(value, default_flow_style=False)` as PyYAML writes it; `allowUnicode` adds
 * `allow_unicode=True` (MLflow's write_yaml), which writes printable non-ASCII text as it is.
 * @example dumpPyYaml({ b: [1, 'x'], a: '14.3' }) // "a: '14.3'\nb:\n- 1\n- x\n"
 */
export function dumpPyYaml(value: unknown, options: { allowUnicode?: boolean } = {}): string {
  const emitter = new Emitter(options.allowUnicode ?? false);
  emitter.node(value, { mapping: false, simpleKey: false }, '$', 0);
  emitter.writeIndent();
  return emitter.out;
}
