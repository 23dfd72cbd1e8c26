/** Readable, plain-text rendering of Block Kit for a human watching the terminal. */
import { isRecord } from './args.js';

const INDENT = '    ';

function textOf(t: unknown): string {
  if (typeof t === 'string') return t;
  if (isRecord(t) && typeof t['text'] === 'string') return t['text'];
  return '';
}

function selectedValues(el: Record<string, unknown>): Set<string> {
  const chosen = new Set<string>();
  const initial = el['initial_options'] ?? (el['initial_option'] !== undefined ? [el['initial_option']] : []);
  if (Array.isArray(initial)) {
    for (const o of initial) if (isRecord(o)) chosen.add(String(o['value']));
  }
  return chosen;
}

/** One interactive element as a short inline token, e.g. `[ Acknowledge ]`. */
export function renderElement(el: unknown): string {
  if (!isRecord(el)) return '';
  const placeholder = textOf(el['placeholder']);
  switch (el['type']) {
    case 'button': {
      const style = el['style'] === 'primary' ? '*' : el['style'] === 'danger' ? '!' : '';
      return `[ ${textOf(el['text'])} ]${style}`;
    }
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select': {
      const initial = isRecord(el['initial_option']) ? textOf(el['initial_option']['text']) : '';
      return `[ ${initial || placeholder || 'select'} ▾ ]`;
    }
    case 'multi_static_select':
    case 'multi_users_select':
    case 'multi_external_select':
    case 'multi_conversations_select':
    case 'multi_channels_select':
      return `[ ${placeholder || 'choose'} ▾▾ ]`;
    case 'overflow':
      return '[ ⋯ ]';
    case 'datepicker':
      return `[ 📅 ${typeof el['initial_date'] === 'string' ? el['initial_date'] : placeholder || 'date'} ]`;
    case 'timepicker':
      return `[ 🕑 ${typeof el['initial_time'] === 'string' ? el['initial_time'] : placeholder || 'time'} ]`;
    case 'plain_text_input': {
      const initial = typeof el['initial_value'] === 'string' ? el['initial_value'] : '';
      return `[ ${initial || placeholder || '________'} ]`;
    }
    case 'image':
      return `(image: ${typeof el['alt_text'] === 'string' ? el['alt_text'] : ''})`;
    default:
      return `[${String(el['type'])}]`;
  }
}

/** Checkboxes and radio buttons take one line per option. */
function renderChoiceLines(el: Record<string, unknown>): string[] | undefined {
  if (el['type'] !== 'checkboxes' && el['type'] !== 'radio_buttons') return undefined;
  const chosen = selectedValues(el);
  const opts = Array.isArray(el['options']) ? el['options'] : [];
  return opts.map((o) => {
    const value = isRecord(o) ? String(o['value']) : '';
    const label = isRecord(o) ? textOf(o['text']) : '';
    const on = chosen.has(value);
    const box = el['type'] === 'checkboxes' ? (on ? '☑' : '☐') : on ? '(•)' : '( )';
    return `${box} ${label}`;
  });
}

function renderElementLines(el: unknown): string[] {
  if (isRecord(el)) {
    const choices = renderChoiceLines(el);
    if (choices) return choices;
  }
  return [renderElement(el)];
}

function richTextOf(node: unknown): string {
  if (!isRecord(node)) return '';
  if (typeof node['text'] === 'string') return node['text'];
  if (node['type'] === 'user') return `<@${String(node['user_id'])}>`;
  if (node['type'] === 'channel') return `<#${String(node['channel_id'])}>`;
  if (node['type'] === 'emoji') return `:${String(node['name'])}:`;
  if (node['type'] === 'link') return String(node['url']);
  const els = node['elements'];
  if (!Array.isArray(els)) return '';
  const sep = node['type'] === 'rich_text_list' ? '\n• ' : node['type'] === 'rich_text' ? '\n' : '';
  const body = els.map(richTextOf).join(sep);
  return node['type'] === 'rich_text_list' ? `• ${body}` : body;
}

function splitLines(s: string): string[] {
  return s.split('\n');
}

/** The lines of one block, without indentation. */
export function renderBlock(block: unknown): string[] {
  if (!isRecord(block)) return [];
  switch (block['type']) {
    case 'header':
      return [`══ ${textOf(block['text'])} ══`];
    case 'divider':
      return ['────────────────────────'];
    case 'section': {
      const lines: string[] = [];
      if (block['text'] !== undefined) lines.push(...splitLines(textOf(block['text'])));
      const fields = block['fields'];
      if (Array.isArray(fields)) {
        for (let i = 0; i < fields.length; i += 2) {
          const pair = [fields[i], fields[i + 1]].filter((f) => f !== undefined).map((f) => textOf(f).replace(/\n/g, ' '));
          lines.push(pair.join('   │   '));
        }
      }
      if (block['accessory'] !== undefined) {
        const acc = renderElementLines(block['accessory']);
        if (acc.length === 1 && lines.length > 0) lines[lines.length - 1] += `   ${acc[0] ?? ''}`;
        else lines.push(...acc);
      }
      return lines;
    }
    case 'context': {
      const els = Array.isArray(block['elements']) ? block['elements'] : [];
      const parts = els.map((e) => (isRecord(e) && e['type'] === 'image' ? renderElement(e) : textOf(e)));
      return [`· ${parts.join('  ·  ').replace(/\n/g, ' ')}`];
    }
    case 'actions': {
      const els = Array.isArray(block['elements']) ? block['elements'] : [];
      const inline: string[] = [];
      const lines: string[] = [];
      for (const e of els) {
        const r = renderElementLines(e);
        if (r.length === 1) inline.push(r[0] ?? '');
        else lines.push(...r);
      }
      return inline.length > 0 ? [inline.join('  '), ...lines] : lines;
    }
    case 'input': {
      const optional = block['optional'] === true ? ' (optional)' : '';
      return [`${textOf(block['label'])}${optional}:`, ...renderElementLines(block['element']).map((l) => `  ${l}`)];
    }
    case 'image':
      return [renderElement(block)];
    case 'rich_text':
      return splitLines(richTextOf(block));
    case 'markdown':
      return splitLines(typeof block['text'] === 'string' ? block['text'] : '');
    default:
      return [`[${String(block['type'])} block]`];
  }
}

/**
 * mrkdwn as a person would read it in Slack: dates by their fallback, mentions and channel links
 * as @id / #id, links as "label (url)", and escaped characters shown as themselves.
 */
export function readableMrkdwn(line: string): string {
  return line
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>/g, '#$1')
    .replace(/<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** All blocks, flattened and indented for printing under a header line. */
export function renderBlocks(blocks: unknown, indent = INDENT): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap(renderBlock).map((l) => `${indent}${readableMrkdwn(l)}`);
}

/** Blocks when there are any, else the message text. */
export function renderBody(text: string | undefined, blocks: unknown, indent = INDENT): string[] {
  if (Array.isArray(blocks) && blocks.length > 0) return renderBlocks(blocks, indent);
  if (text) return splitLines(text).map((l) => `${indent}${readableMrkdwn(l)}`);
  return [];
}

/** Shortens long values for one-line summaries. */
export function clip(s: string, max = 100): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
