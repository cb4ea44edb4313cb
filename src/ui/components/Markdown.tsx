// Markdown (a run's description) rendered as HTML. This is the one component on the run page that
// sets innerHTML, and it is safe for text anyone could have written (a teammate, a synced peer, a
// script) because of three layers, each sufficient against script on its own for what it covers:
//  1. Raw HTML in the markdown is not passed through: marked's `html` tokens are escaped, so
//     `<script>` or `<img onerror=...>` in a description read as text.
//  2. marked's output goes through DOMPurify, which drops script elements, event-handler
//     attributes and javascript:/vbscript: URLs (e.g. from `[x](javascript:...)` links). We also
//     forbid style and form elements and style attributes: no restyling or fake forms on the page.
//  3. Links open in a new tab with rel="noopener noreferrer", so a linked page cannot reach back.
// The DOMPurify instance is our own (not the shared default), so its hook touches only this use.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { createMemo, type JSX } from 'solid-js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const markdown = new Marked({ gfm: true, breaks: false }).use({
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const PURIFY_CONFIG = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style'],
  ALLOW_DATA_ATTR: false,
};

/** Sanitised HTML for a markdown string. */
export function renderMarkdown(source: string): string {
  return purify.sanitize(markdown.parse(source, { async: false }), PURIFY_CONFIG);
}

export function Markdown(props: { source: string; class?: string }): JSX.Element {
  const html = createMemo(() => renderMarkdown(props.source));
  return <div class={`markdown ${props.class ?? ''}`} innerHTML={html()} />;
}
