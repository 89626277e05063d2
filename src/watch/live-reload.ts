import type { CheckResult } from '../check/check-model.js';

/** The path of the Server-Sent Events stream that tells pages to reload. */
export const EVENTS_PATH = '/_gctf/events';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML escaping for text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * The script `serve` adds to the pages it serves (never to built files): it listens to the event
 * stream and reloads when the build it announces is not the one the page was served from, keeping
 * the scroll position across the reload.
 */
export function reloadScript(build: number): string {
  return `<script>
(() => {
  const key = 'gctf-scroll:' + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    addEventListener('load', () => scrollTo(0, Number(saved)));
  }
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.onmessage = (event) => {
    if (event.data === ${JSON.stringify(String(build))}) return;
    events.close();
    sessionStorage.setItem(key, String(scrollY));
    location.reload();
  };
})();
</script>
`;
}

/** A box over the page listing the errors that stop the build: `file:line:col message rule-id`. */
export function errorOverlay(result: CheckResult, stale: boolean): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const items = errors
    .slice(0, 50)
    .map((d) => `<li><code>${escapeHtml(`${d.file}:${d.line ?? 1}:${d.column ?? 1}`)}</code> ${withCode(d.reason)} <small>${escapeHtml(d.ruleId ?? '')}</small></li>`)
    .join('\n');
  const more = errors.length > 50 ? `<li>… and ${errors.length - 50} more (see the terminal)</li>` : '';
  const heading = `${errors.length} ${errors.length === 1 ? 'error' : 'errors'} in the drafts — ${stale ? 'showing the last good build' : 'nothing built yet'}`;
  return `<div id="gctf-overlay" role="alert" dir="ltr" lang="en" style="position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#fff4f4;color:#3b0000;border-bottom:3px solid #b00020;font:14px/1.45 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.2)">
<button type="button" onclick="this.parentNode.remove()" style="float:right;font:inherit">Hide</button>
<strong>gctf: ${escapeHtml(heading)}</strong>
<ol style="margin:.5em 0 0;padding-left:1.5em">
${items}${more}
</ol>
</div>
`;
}

/**
 * A message as HTML: escaped, and what it quotes between backticks (`` `#id` ``, as every rule
 * writes code) shown as code rather than as raw backticks. A backtick without its pair stays as
 * it is.
 */
export function withCode(message: string): string {
  const parts = message.split('`');
  if (parts.length % 2 === 0) return escapeHtml(message);
  return parts.map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part))).join('');
}

/** Adds `extra` just before the page's `</body>` (or at its end when it has none). */
export function inject(html: string, extra: string): string {
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + extra : html.slice(0, at) + extra + html.slice(at);
}

/** The page served before any build succeeded. */
export function placeholderPage(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>The framework has not built yet.</p>
</body>
</html>
`;
}
