// Escaping for each surface a stakeholder update lands on. Every value in an update comes from a
// person or a detector, so none may become markup where it lands: a Slack mention or broadcast,
// a Markdown link or heading, an HTML tag. Handlebars itself only knows HTML escaping, so the
// Slack and Markdown templates are compiled with `noEscape` and their data is escaped here first,
// string by string (escapeDeep); the HTML template keeps Handlebars' own escaping.

import Handlebars from 'handlebars';

/** Where a rendered template lands: a Slack message, a Markdown file, the HTML status page. */
export const SURFACES = ['slack', 'markdown', 'html'] as const;
export type Surface = (typeof SURFACES)[number];

/**
 * Slack's three control characters as entities: `<` opens mentions, broadcasts and links. `&`
 * goes first so an incoming `&lt;` is shown literally and never turns back into a `<`. (The same
 * rule as src/slack/format/mrkdwn.ts, which this folder may not import.)
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Punctuation that is Markdown anywhere in a line: code, emphasis, links, tables, strikethrough. */
const MARKDOWN_INLINE = /[\\`*_[\]|~]/g;
/** What is Markdown only at the start of a line: headings, lists, quotes, setext underlines. */
const MARKDOWN_LINE_START = /^([ \t]*)([#+=-]|\d+(?=[.)]))/gm;

/**
 * Text that a Markdown renderer shows as written: inline punctuation is backslash-escaped (so
 * `[x](y)` is no link and `*a*` no emphasis), a line cannot start a heading or a list, and `<`,
 * `>`, `&` are entities so no raw HTML or autolink `<https://…>` gets through. A value is treated
 * as if it began a line, since a template may place it there. A bare URL stays text, which some
 * renderers show as a link to exactly that address (never a disguised one).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_INLINE, '\\$&')
    .replace(MARKDOWN_LINE_START, (_match, indent: string, marker: string) =>
      /^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
    );
}

/** Handlebars' own HTML escaping (`& < > " ' \` =`), the one `{{value}}` applies in the status page. */
export const escapeHtml = (text: string): string => Handlebars.Utils.escapeExpression(text);

const ESCAPERS: Record<Surface, (text: string) => string> = {
  slack: escapeMrkdwn,
  markdown: escapeMarkdown,
  html: escapeHtml,
};

export const escapeFor = (surface: Surface, text: string): string => ESCAPERS[surface](text);

/**
 * Where an escaped copy keeps its original: helpers that take an object or a list (a metric, the
 * components, an event's parts) compute their words from the raw values and escape their own
 * output, so nothing is escaped twice. A symbol, so `{{#each}}` never lists it.
 */
const RAW = Symbol('raw');

/**
 * A copy of `value` with every string escaped for the surface, however deep: objects and arrays
 * are copied (each remembering its original, see rawOf), dates, numbers and booleans kept.
 */
export function escapeDeep<T>(value: T, surface: Surface): T {
  return escapeValue(value, ESCAPERS[surface]) as T;
}

function escapeValue(value: unknown, escape: (text: string) => string): unknown {
  if (typeof value === 'string') return escape(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const copy: unknown = Array.isArray(value)
    ? value.map((item: unknown) => escapeValue(item, escape))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeValue(item, escape)]));
  Object.defineProperty(copy, RAW, { value, enumerable: false });
  return copy;
}

/** The original of an object or list escapeDeep copied; anything else as it is. */
export function rawOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && RAW in value) return (value as { [RAW]: unknown })[RAW];
  return value;
}
