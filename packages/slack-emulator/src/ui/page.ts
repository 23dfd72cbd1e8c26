/**
 * `GET /`: the whole web UI as one HTML document, no external asset. The server paints the
 * first view with the same renderer the page then re-runs on every poll: the page's script is
 * browser/page.ts bundled with render/ by esbuild (scripts/bundlePage.mjs), inlined here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PAGE_CSS } from './pageStyles.js';
import { RENDER_PARTS } from './render/index.js';
import type { UiState } from './render/types.js';

// The package's dist/browser/page.js, reached alike from src/ui/ (tests) and dist/ui/ (node).
const BUNDLE = fileURLToPath(new URL('../../dist/browser/page.js', import.meta.url));
let bundle: string | undefined;

/** The page's script, read once. */
export function pageScript(): string {
  if (bundle === undefined) {
    try {
      bundle = readFileSync(BUNDLE, 'utf8');
    } catch {
      throw new Error(`the emulator's page script ${BUNDLE} is missing: run npm run build -w @vigil/slack-emulator`);
    }
  }
  return bundle;
}

/** JSON safe inside <script>: no "<", ">", "&" for the HTML parser to see, whatever a message says. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Script text that cannot end its <script> element early. In JS source "<\/" means "</" in
 * strings, regular expressions and template literals alike, so the code runs unchanged.
 */
export function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * The "try it" banner: what to do first, with the tokens the app is configured with (given by its
 * host). Open on a workspace with no message yet, folded once something has happened.
 */
function hintsHtml(state: UiState, esc: (s: string) => string): string {
  if (state.hints.length === 0) return '';
  const quiet = Object.values(state.messages).every((list) => list.length === 0);
  return `<details class="banner" id="banner"${quiet ? ' open' : ''}><summary>Try it: fire an alert at the app</summary><pre>${esc(state.hints.join('\n'))}</pre></details>`;
}

export function pageHtml(state: UiState, nonce: string): string {
  const parts = RENDER_PARTS;
  const sel = parts.defaultSelection(state);
  const kit = parts.kitFor(state, parts);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${kit.esc(state.team)} · Slack emulator</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<div class="app">
  <header class="top">
    <span class="logo">Vigil<small>Slack emulator</small></span>
    <span id="offline" class="warn"${state.appConnected ? ' hidden' : ''}>No app connected: clicks go nowhere</span>
    <label>Act as <select id="actas">${parts.userOptionsHtml(state, sel, kit)}</select></label>
  </header>
  <nav id="sidebar" class="sidebar">${parts.sidebarHtml(state, sel, kit)}</nav>
  <main class="main">
    ${hintsHtml(state, kit.esc)}
    <section id="channel" class="channel">${parts.channelHtml(state, sel, kit)}</section>
    <form id="composer" class="composer" autocomplete="off">
      <input id="composer-input" placeholder="/incident help" aria-label="Message or slash command">
      <button class="btn primary" type="submit">Send</button>
      <div class="composer-hint">As the person chosen in <b>Act as</b>, in this channel: a slash command (<code>/incident help</code>, <code>/incident ack</code>, <code>/incident role scribe @alice</code>…) or a message; <code>@name</code> becomes a mention. Hover a message for 📌, Pin and the shortcuts.</div>
    </form>
  </main>
</div>
<div id="overlay" class="overlay" hidden></div>
<div id="toast" class="toast" hidden></div>
<script type="application/json" id="initial-state">${jsonForScript(state)}</script>
<script nonce="${nonce}">
${scriptSafe(pageScript())}
</script>
</body>
</html>
`;
}
