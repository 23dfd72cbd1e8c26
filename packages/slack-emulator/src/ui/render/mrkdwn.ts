/**
 * Slack mrkdwn to HTML, simply: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes,
 * line breaks, <url|label> links, <@U..> / <#C..> / <!here> / <!subteam^..> mentions,
 * <!date^..|fallback> as its fallback, and &lt; &gt; &amp; decoded.
 *
 * Text reaching this function is hostile (an alert title is whatever a detector sent), so every
 * piece of it is HTML-escaped before it goes into the output, and links only keep http(s) and
 * mailto targets. Runs on the server and, bundled, in the page (see kit.ts).
 */
import type { Names } from './types.js';

export function mrkdwnToHtml(src: string, names: Names, plainText: boolean): string {
  // The shortcodes Vigil's messages use; anything else stays as typed, like a custom emoji.
  const EMOJI: Record<string, string> = {
    rotating_light: '🚨', warning: '⚠️', white_check_mark: '✅', white_large_square: '⬜',
    bust_in_silhouette: '👤', memo: '📝', lock: '🔒', label: '🏷️', hourglass: '⌛',
    arrows_counterclockwise: '🔄', arrows_clockwise: '🔃', arrow_double_up: '⏫', repeat: '🔁',
    red_circle: '🔴', large_orange_circle: '🟠', large_yellow_circle: '🟡', large_blue_circle: '🔵',
    large_green_circle: '🟢', pushpin: '📌', pager: '📟', page_facing_up: '📄', heavy_plus_sign: '➕',
    eyes: '👀', books: '📚', fire: '🔥', tada: '🎉', x: '❌', heavy_check_mark: '✔️', bell: '🔔',
    mega: '📣', loudspeaker: '📢', chart_with_downwards_trend: '📉', chart_with_upwards_trend: '📈',
    information_source: 'ℹ️', stopwatch: '⏱️', clock1: '🕐', speech_balloon: '💬', link: '🔗',
  };
  const esc = (s: string): string =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  // Slack escapes only these three; decoding first means "&amp;lt;" stays "&lt;" on screen.
  const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const emoji = (html: string): string => html.replace(/:([a-z0-9_+-]+):/g, (m: string, n: string) => EMOJI[n] ?? m);

  // NUL cannot come from Slack text; it marks the placeholders of already-rendered pieces.
  const clean = String(src).replace(/\u0000/g, '');
  // plain_text parses no markup, but Slack decodes the same three entities there too.
  if (plainText) return emoji(esc(decode(clean))).replace(/\n/g, '<br>');

  const pieces: string[] = [];
  const hold = (html: string): string => `\u0000${pieces.push(html) - 1}\u0000`;

  const safeHref = (url: string): string | undefined => (/^(https?:|mailto:)/i.test(url) ? url : undefined);
  const special = (inner: string): string => {
    const bar = inner.indexOf('|');
    const head = bar >= 0 ? inner.slice(0, bar) : inner;
    const label = bar >= 0 ? inner.slice(bar + 1) : '';
    if (head.startsWith('@')) {
      const id = head.slice(1);
      return `<span class="mention">@${esc(names.users[id] ?? (decode(label) || id))}</span>`;
    }
    if (head.startsWith('#')) {
      const id = head.slice(1);
      const name = names.channels[id] ?? (decode(label) || id);
      return `<a class="chan-link" href="#" data-goto="${esc(id)}">${esc(name.startsWith('DM ') ? name : `#${name}`)}</a>`;
    }
    if (head.startsWith('!date^')) return esc(decode(label || head));
    if (head.startsWith('!subteam^')) {
      const id = head.slice('!subteam^'.length);
      const handle = names.groups[id] ?? (decode(label).replace(/^@/, '') || id);
      return `<span class="mention">@${esc(handle)}</span>`;
    }
    if (head === '!here' || head === '!channel' || head === '!everyone') return `<span class="mention">@${head.slice(1)}</span>`;
    const href = safeHref(decode(head));
    if (href) return `<a href="${esc(href)}" target="_blank" rel="noopener noreferrer">${esc(decode(label || head))}</a>`;
    return esc(`<${decode(inner)}>`);
  };

  // Angle brackets in mrkdwn are always control sequences (a literal one arrives as &lt;).
  let text = clean.replace(/<([^<>\n]*)>/g, (_m: string, inner: string) => hold(special(inner)));
  text = esc(decode(text));
  // Code is verbatim: held before the other formatting can reach into it.
  text = text.replace(/```([\s\S]*?)```/g, (_m: string, code: string) => hold(`<pre>${code.replace(/^\n/, '')}</pre>`));
  text = text.replace(/`([^`\n]+)`/g, (_m: string, code: string) => hold(`<code>${code}</code>`));
  // Markers count only at word edges, as in Slack: snake_case_names are not italic.
  text = text.replace(/(^|[^\w*])\*(?=\S)([^*\n]*?[^\s*])\*(?![\w*])/g, '$1<b>$2</b>');
  text = text.replace(/(^|[^\w])_(?=\S)([^_\n]*?[^\s_])_(?!\w)/g, '$1<i>$2</i>');
  text = text.replace(/(^|[^\w~])~(?=\S)([^~\n]*?[^\s~])~(?![\w~])/g, '$1<s>$2</s>');
  text = emoji(text);
  text = text
    .split('\n')
    .map((line) => (line.startsWith('&gt; ') || line === '&gt;' ? `<span class="quote">${line.replace(/^&gt; ?/, '')}</span>` : line))
    .join('<br>');
  // Pieces may hold pieces (a link inside code is not possible, but code inside a quote is).
  for (let i = 0; i < 3 && text.includes('\u0000'); i += 1) {
    text = text.replace(/\u0000(\d+)\u0000/g, (_m: string, n: string) => pieces[Number(n)] ?? '');
  }
  return text;
}
