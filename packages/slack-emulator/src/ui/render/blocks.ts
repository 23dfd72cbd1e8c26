/**
 * Block Kit message blocks to HTML: header, section (text, fields, accessory), context, actions,
 * divider, image, rich_text, markdown. Buttons become real buttons that click through the page;
 * other interactive elements are drawn but inert (the UI emulates button clicks only).
 * Runs on the server and, bundled, in the page (see kit.ts).
 */
import type { ButtonTarget, Kit } from './types.js';

export function blocksToHtml(blocks: unknown, target: ButtonTarget | null, kit: Kit): string {
  const rec = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const textOf = (t: unknown): string => str(rec(t)['text']);

  const button = (el: Record<string, unknown>): string => {
    const style = el['style'] === 'primary' || el['style'] === 'danger' ? ` ${String(el['style'])}` : '';
    const label = kit.plain(textOf(el['text']));
    const url = str(el['url']);
    // A URL button opens the link (Slack still sends the click; Vigil uses none).
    if (url && /^https?:/i.test(url)) {
      return `<a class="btn${style}" href="${kit.esc(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
    }
    if (!target) return `<button class="btn${style}" disabled>${label}</button>`;
    return (
      `<button class="btn${style}" data-click="1" data-channel="${kit.esc(target.channel)}" ` +
      `data-ts="${kit.esc(target.ts)}" data-action-id="${kit.esc(str(el['action_id']))}"${confirmAttribute(el['confirm'])}>${label}</button>`
    );
  };

  /**
   * A button's confirm dialog (title, text, confirm and deny labels): Slack asks it before sending
   * the click, so the page asks it too (window.confirm with the same words, markup dropped).
   */
  const confirmAttribute = (confirm: unknown): string => {
    const dialog = rec(confirm);
    if (!dialog['text']) return '';
    const words = (t: unknown) => textOf(t).replace(/[*_~`]/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const question = [words(dialog['title']), words(dialog['text']), `[${words(dialog['confirm']) || 'Yes'}] / [${words(dialog['deny']) || 'Cancel'}]`].filter(Boolean).join('\n\n');
    return ` data-confirm="${kit.esc(question)}"`;
  };

  const inert = (el: Record<string, unknown>): string => {
    const type = str(el['type']);
    const initial = textOf(rec(el['initial_option'])['text']);
    const shown = initial || textOf(el['placeholder']) || type.replace(/_/g, ' ');
    if (type === 'image') return `<span class="img-alt">[image: ${kit.esc(str(el['alt_text']))}]</span>`;
    if (type === 'overflow') return '<span class="inert" title="not emulated">⋯</span>';
    if (type === 'checkboxes' || type === 'radio_buttons') {
      const chosen = new Set(
        [...arr(el['initial_options']), ...(el['initial_option'] ? [el['initial_option']] : [])].map((o) => str(rec(o)['value'])),
      );
      const box = (on: boolean) => (type === 'checkboxes' ? (on ? '☑' : '☐') : on ? '◉' : '○');
      return arr(el['options'])
        .map((o) => `<div class="choice">${box(chosen.has(str(rec(o)['value'])))} ${kit.text(rec(o)['text'])}</div>`)
        .join('');
    }
    return `<span class="inert" title="not emulated">${kit.plain(shown)} ▾</span>`;
  };

  const element = (v: unknown): string => {
    const el = rec(v);
    return el['type'] === 'button' ? button(el) : inert(el);
  };

  const richText = (node: unknown): string => {
    const n = rec(node);
    const type = str(n['type']);
    if (type === 'text') {
      const style = rec(n['style']);
      let html = kit.plain(str(n['text']));
      if (style['code']) html = `<code>${html}</code>`;
      if (style['bold']) html = `<b>${html}</b>`;
      if (style['italic']) html = `<i>${html}</i>`;
      if (style['strike']) html = `<s>${html}</s>`;
      return html;
    }
    if (type === 'user') return kit.md(`<@${str(n['user_id'])}>`);
    if (type === 'channel') return kit.md(`<#${str(n['channel_id'])}>`);
    if (type === 'emoji') return kit.plain(`:${str(n['name'])}:`);
    if (type === 'link') return kit.md(`<${str(n['url'])}|${str(n['text']) || str(n['url'])}>`);
    const inner = arr(n['elements']).map(richText);
    if (type === 'rich_text_list') return `<ul>${inner.map((i) => `<li>${i}</li>`).join('')}</ul>`;
    if (type === 'rich_text_preformatted') return `<pre>${inner.join('')}</pre>`;
    if (type === 'rich_text_quote') return `<span class="quote">${inner.join('')}</span>`;
    return inner.join('');
  };

  const block = (raw: unknown): string => {
    const b = rec(raw);
    switch (b['type']) {
      case 'header':
        return `<div class="b-header">${kit.plain(textOf(b['text']))}</div>`;
      case 'divider':
        return '<hr class="b-divider">';
      case 'section': {
        const text = b['text'] !== undefined ? `<div class="b-text">${kit.text(b['text'])}</div>` : '';
        const fields = arr(b['fields']);
        const grid = fields.length > 0 ? `<div class="b-fields">${fields.map((f) => `<div>${kit.text(f)}</div>`).join('')}</div>` : '';
        const acc = b['accessory'] !== undefined ? `<div class="b-accessory">${element(b['accessory'])}</div>` : '';
        return `<div class="b-section"><div class="b-main">${text}${grid}</div>${acc}</div>`;
      }
      case 'context':
        return `<div class="b-context">${arr(b['elements'])
          .map((e) => (rec(e)['type'] === 'image' ? inert(rec(e)) : `<span>${kit.text(e)}</span>`))
          .join('')}</div>`;
      case 'actions':
        return `<div class="b-actions">${arr(b['elements']).map(element).join('')}</div>`;
      case 'image':
        return `<div class="b-image">${inert({ ...b, type: 'image' })}</div>`;
      case 'rich_text':
        return `<div class="b-text">${richText(b)}</div>`;
      case 'markdown':
        return `<div class="b-text">${kit.md(str(b['text']))}</div>`;
      case 'input':
        return `<div class="b-text"><b>${kit.plain(textOf(b['label']))}</b> ${element(b['element'])}</div>`;
      default:
        return `<div class="b-unknown">[${kit.esc(String(b['type']))} block]</div>`;
    }
  };

  return arr(blocks).map(block).join('');
}
