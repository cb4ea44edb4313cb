// The run description's markdown renderer (features/run-page/Markdown.tsx), the one innerHTML on
// the run page: known XSS vectors, then seeded random mixes of them, must come out inert.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/ui/components/Markdown';

function dom(html: string): HTMLElement {
  const t = document.createElement('template');
  t.innerHTML = html;
  const host = document.createElement('div');
  host.append(t.content.cloneNode(true));
  return host;
}

const UNSAFE_URL = /^(javascript|vbscript|data):/i;

/** Everything that could run script or reach back to the page, listed. */
function hazards(html: string): string[] {
  const found: string[] = [];
  for (const el of dom(html).querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'style', 'form', 'input', 'button', 'textarea', 'svg', 'math', 'base', 'meta', 'link'].includes(tag)) found.push(`<${tag}>`);
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\s\u0000-\u001f]/g, '');
      if (attr.name.startsWith('on')) found.push(`${tag}[${attr.name}]`);
      if (attr.name === 'style') found.push(`${tag}[style]`);
      if (['href', 'src', 'xlink:href', 'action', 'formaction'].includes(attr.name) && UNSAFE_URL.test(value)) found.push(`${tag}[${attr.name}=${attr.value}]`);
    }
    if (tag === 'a' && el.hasAttribute('href') && (el.getAttribute('target') !== '_blank' || el.getAttribute('rel') !== 'noopener noreferrer')) found.push('a without target/rel');
  }
  return found;
}

const VECTORS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror=window.__pwned=1>',
  '<svg onload=window.__pwned=1>',
  '<a href="javascript:window.__pwned=1">x</a>',
  '[x](javascript:window.__pwned=1)',
  '[x](JaVaScRiPt:window.__pwned=1)',
  '[x](java&#x09;script:window.__pwned=1)',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox)',
  '![x](javascript:window.__pwned=1)',
  '[x][ref]\n\n[ref]: javascript:window.__pwned=1',
  '<javascript:window.__pwned=1>',
  '[x](https://example.com "t\\" onmouseover=window.__pwned=1")',
  '<iframe src="https://example.com"></iframe>',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><input name=p></form>',
  '<details open ontoggle=window.__pwned=1>',
  '`<script>in code</script>`',
  '```html\n<script>window.__pwned=1</script>\n```',
];

describe('renderMarkdown', () => {
  test('renders ordinary markdown', () => {
    const root = dom(renderMarkdown('# Title\n\nSome **bold** and a [link](https://mlflow.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |'));
    expect(root.querySelector('h1')?.textContent).toBe('Title');
    expect(root.querySelector('strong')?.textContent).toBe('bold');
    const a = root.querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://mlflow.org');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(root.querySelectorAll('td')).toHaveLength(2);
  });

  test('raw HTML is shown as text, not parsed', () => {
    const root = dom(renderMarkdown('before <img src=x onerror=window.__pwned=1> after <b>bold?</b>'));
    expect(root.querySelector('img, b')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=window.__pwned=1>');
    expect(root.textContent).toContain('<b>bold?</b>');
  });

  test.each(VECTORS)('%s comes out inert', (vector) => {
    expect(hazards(renderMarkdown(vector))).toEqual([]);
  });

  test('any mix of vectors and markdown comes out inert', () => {
    const piece = fc.oneof(fc.constantFrom(...VECTORS), fc.constantFrom('# h', '**b**', '\n\n', '- item', '> quote', '[ok](https://a.example)', ' '), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        expect(hazards(renderMarkdown(pieces.join('')))).toEqual([]);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
