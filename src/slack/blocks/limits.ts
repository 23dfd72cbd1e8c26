import type { KnownBlock, ModalView, HomeView } from '@slack/types';
import { escapeMrkdwn, truncate } from '../format/mrkdwn.js';

// Slack's size limits, and the one pass every message and view Vigil builds goes through before it
// is sent, so that no sender's input (a 2,000-character label, a 100,000-character annotation) can
// make Slack refuse a message with `invalid_blocks` or `msg_too_long`.
//
// Builders cut sender text where it lands, with a pointer to where the full text lives; the final
// pass (`fitBlocks`, `fitView`, `fitMessage`) then clamps every text by the place it sits in, so a
// builder that forgets still cannot send an oversized block.

/** Slack's documented limits (docs.slack.dev, Block Kit reference; ../shared/PLATFORM.md). */
export const SLACK_LIMITS = {
  /** chat.postMessage `text`: longer answers `msg_too_long`. */
  messageText: 40_000,
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionField: 2000,
  sectionFields: 10,
  headerText: 150,
  /** A text object in a context block: the text object's own limit. */
  contextText: 3000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  optionText: 75,
  optionDescription: 75,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  textInputLength: 3000,
  imageAltText: 2000,
  /** action_id, block_id, callback_id. */
  id: 255,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  /**
   * Undocumented: Slack answers `msg_blocks_too_long` when the text of a message's blocks adds up
   * to roughly 12,000 characters (slackapi/bolt-js#2509, #2867), well under 50 full sections.
   */
  messageBlocksText: 12_000,
} as const;

/** What Vigil allows itself, under Slack's limits with room to spare. */
export const BUDGETS = {
  /** All block text of one message together (Slack refuses near 12,000). */
  messageBlocksText: 9000,
  /** A message that is only text (a notice, a command's reply): readable, far under 40,000. */
  textMessage: 4000,
  /** The notification text that goes with a message of blocks. */
  fallbackText: 300,
  /** One section of sender text (a description, the alert list). */
  section: 2900,
  /** Short sender values shown inline: a model name or version, a metric, a source, a label value. */
  inline: 200,
  /** A link's URL; a longer one is shown as its label only. */
  linkUrl: 1000,
} as const;

/** Pointers to where the whole of a cut text can be read. Keep them true. */
export const FULL_TEXT = {
  /** Alert text: the detector or Alertmanager that sent it has all of it. */
  alertSource: ' (truncated; the full text is at the alert’s source)',
  /** Titles, notes, reasons, alert titles: `/incident timeline` gives them whole (as a file when long). */
  timeline: ' (truncated; `/incident timeline` has the full text)',
  /** Open incidents: the Home tab lists them all. */
  home: ' (truncated; the Vigil Home tab lists every open incident)',
  /** Nothing better to point at: at least say so. */
  none: ' (truncated)',
} as const;

const ELLIPSIS = '…';
// Below this a pointer would eat the text it points from; an ellipsis alone says it was cut.
const MIN_LENGTH_FOR_POINTER = 400;

/**
 * Text (already mrkdwn-escaped, or plain) cut to at most `max` characters, never inside an entity
 * (`&amp;`), a `<@U123>` mention or a `<url|label>` link, ending in an ellipsis and, when there is
 * room, a pointer to the full text. A code span left open by the cut is closed.
 */
export function fitText(text: string, max: number, pointer: string = FULL_TEXT.none): string {
  if (text.length <= max) return text;
  const tail = max >= MIN_LENGTH_FOR_POINTER ? pointer : '';
  // One character kept free to close a code span.
  let cut = truncate(text, Math.max(0, max - tail.length - 1));
  if (cut.endsWith(ELLIPSIS) && (cut.match(/`/g)?.length ?? 0) % 2 === 1) cut = `${cut.slice(0, -1)}\`${ELLIPSIS}`;
  return cut + tail;
}

/** A text cut again (to share a message's budget): it keeps the pointer it had. */
function refit(text: string, max: number): string {
  const pointer = Object.values(FULL_TEXT).find((p) => p !== FULL_TEXT.none && text.endsWith(p));
  return pointer ? fitText(text.slice(0, -pointer.length), max, pointer) : fitText(text, max);
}

/**
 * Sender text (raw, unescaped) for mrkdwn: escaped first, then cut, so the cut never splits an
 * entity. Only the first max + 1 characters are escaped: escaping only lengthens text, so that
 * prefix is already over `max` and the cut falls inside it, the same as in the whole text; a
 * 100,000-character field is not escaped whole to keep 3,000 of it.
 */
export const clip = (raw: string, max: number, pointer?: string): string =>
  fitText(escapeMrkdwn(raw.length > max ? raw.slice(0, max + 1) : raw), max, pointer);

/** A value that is not markup (a text input's initial value): cut plainly, never inside a surrogate pair. */
export function cutPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** A message that is only text: cut to a readable length, with a pointer to the full text. */
export const fitMessageText = (text: string, pointer?: string): string => fitText(text, BUDGETS.textMessage, pointer);

// ---------------------------------------------------------------------------------------------
// The final pass over built blocks.

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

interface Fit {
  /** 1 for Slack's limits; 0.5 for a smaller rendering after Slack refused one for its size. */
  scale: number;
  maxBlocks: number;
  /** Sum of all long texts (sections, fields, context); undefined for no cap. */
  totalText: number | undefined;
}

const scaled = (limit: number, fit: Fit): number => Math.max(1, Math.floor(limit * fit.scale));

/** A text object with its text cut to `limit` (scaled); anything that is not one is left alone. */
function fitTextObject(value: unknown, limit: number, fit: Fit): unknown {
  if (!isJson(value) || typeof value['text'] !== 'string') return value;
  const max = scaled(limit, fit);
  return value['text'].length > max ? { ...value, text: refit(value['text'], max) } : value;
}

const fitId = (value: unknown): unknown => (typeof value === 'string' && value.length > SLACK_LIMITS.id ? value.slice(0, SLACK_LIMITS.id) : value);

function fitOptions(options: unknown, fit: Fit): unknown {
  if (!Array.isArray(options)) return options;
  return options.map((o) => {
    if (!isJson(o)) return o;
    const out: Json = { ...o, text: fitTextObject(o['text'], SLACK_LIMITS.optionText, fit) };
    if (o['description'] !== undefined) out['description'] = fitTextObject(o['description'], SLACK_LIMITS.optionDescription, fit);
    return out;
  });
}

function fitElement(element: unknown, fit: Fit): unknown {
  if (!isJson(element)) return element;
  const out: Json = { ...element };
  if (out['action_id'] !== undefined) out['action_id'] = fitId(out['action_id']);
  if (out['placeholder'] !== undefined) out['placeholder'] = fitTextObject(out['placeholder'], SLACK_LIMITS.placeholder, fit);
  switch (out['type']) {
    case 'button':
      out['text'] = fitTextObject(out['text'], SLACK_LIMITS.buttonText, fit);
      break;
    case 'static_select':
    case 'multi_static_select':
    case 'overflow':
    case 'checkboxes':
    case 'radio_buttons':
      out['options'] = fitOptions(out['options'], fit);
      if (out['initial_option'] !== undefined) out['initial_option'] = (fitOptions([out['initial_option']], fit) as unknown[])[0];
      break;
    case 'plain_text_input': {
      const cap = Math.min(typeof out['max_length'] === 'number' ? out['max_length'] : SLACK_LIMITS.textInputLength, SLACK_LIMITS.textInputLength);
      if (typeof out['max_length'] === 'number' && out['max_length'] > cap) out['max_length'] = cap;
      if (typeof out['initial_value'] === 'string') out['initial_value'] = cutPlain(out['initial_value'], cap);
      break;
    }
    default:
      break;
  }
  return out;
}

/** One block with every text and list clamped to Slack's limits (scaled). */
function fitBlock(block: Json, fit: Fit): Json {
  const out: Json = { ...block };
  if (out['block_id'] !== undefined) out['block_id'] = fitId(out['block_id']);
  switch (out['type']) {
    case 'section':
      if (out['text'] !== undefined) out['text'] = fitTextObject(out['text'], SLACK_LIMITS.sectionText, fit);
      if (Array.isArray(out['fields'])) {
        out['fields'] = out['fields'].slice(0, SLACK_LIMITS.sectionFields).map((f) => fitTextObject(f, SLACK_LIMITS.sectionField, fit));
      }
      if (out['accessory'] !== undefined) out['accessory'] = fitElement(out['accessory'], fit);
      break;
    case 'header':
      out['text'] = fitTextObject(out['text'], SLACK_LIMITS.headerText, fit);
      break;
    case 'context':
      if (Array.isArray(out['elements'])) {
        out['elements'] = out['elements']
          .slice(0, SLACK_LIMITS.contextElements)
          .map((e) => (isJson(e) && e['type'] === 'image' ? e : fitTextObject(e, SLACK_LIMITS.contextText, fit)));
      }
      break;
    case 'actions':
      if (Array.isArray(out['elements'])) out['elements'] = out['elements'].slice(0, SLACK_LIMITS.actionsElements).map((e) => fitElement(e, fit));
      break;
    case 'input':
      out['label'] = fitTextObject(out['label'], SLACK_LIMITS.inputLabel, fit);
      if (out['hint'] !== undefined) out['hint'] = fitTextObject(out['hint'], SLACK_LIMITS.inputHint, fit);
      out['element'] = fitElement(out['element'], fit);
      break;
    case 'image':
      if (typeof out['alt_text'] === 'string') out['alt_text'] = truncate(out['alt_text'], SLACK_LIMITS.imageAltText);
      break;
    default:
      break;
  }
  return out;
}

/** A block with each of its long texts (section text and fields, context texts) passed through `fn`. */
function mapLongTexts(block: Json, fn: (text: string) => string): Json {
  const one = (t: unknown): unknown => (isJson(t) && typeof t['text'] === 'string' ? { ...t, text: fn(t['text']) } : t);
  if (block['type'] === 'section') {
    return {
      ...block,
      ...(block['text'] !== undefined ? { text: one(block['text']) } : {}),
      ...(Array.isArray(block['fields']) ? { fields: block['fields'].map(one) } : {}),
    };
  }
  if (block['type'] === 'context' && Array.isArray(block['elements'])) {
    return { ...block, elements: block['elements'].map((e) => (isJson(e) && e['type'] === 'image' ? e : one(e))) };
  }
  return block;
}

/**
 * Keep the texts of a message under a total: the longest are cut to one common length, found so
 * that everything together fits, and short texts (labels, names, buttons) keep every character.
 */
function fitTotal(blocks: Json[], total: number): Json[] {
  const lengths: number[] = [];
  blocks.forEach((b) => mapLongTexts(b, (text) => (lengths.push(text.length), text)));
  const sum = lengths.reduce((a, b) => a + b, 0);
  if (sum <= total) return blocks;
  // The largest cap c with sum(min(len, c)) <= total.
  const sorted = [...lengths].sort((a, b) => a - b);
  let below = 0;
  let cap = 1;
  for (let i = 0; i < sorted.length; i++) {
    const candidate = Math.floor((total - below) / (sorted.length - i));
    if (candidate <= sorted[i]!) {
      cap = Math.max(1, candidate);
      break;
    }
    below += sorted[i]!;
  }
  return blocks.map((b) => mapLongTexts(b, (text) => (text.length > cap ? refit(text, cap) : text)));
}

/** Drop blocks past the limit, from the end, keeping buttons (actions blocks), and say how many went. */
function fitCount(blocks: Json[], max: number): Json[] {
  if (blocks.length <= max) return blocks;
  const kept = [...blocks];
  let dropped = 0;
  for (let i = kept.length - 1; i >= 0 && kept.length > max - 1; i--) {
    if (kept[i]!['type'] === 'actions') continue;
    kept.splice(i, 1);
    dropped++;
  }
  // Only actions blocks left over the limit: they have to go too.
  while (kept.length > max - 1) {
    kept.pop();
    dropped++;
  }
  kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${dropped} more not shown here.` }] });
  return kept;
}

function fitBlockList(blocks: readonly unknown[], fit: Fit): Json[] {
  const fitted = fitCount(blocks.filter(isJson), fit.maxBlocks).map((b) => fitBlock(b, fit));
  return fit.totalText !== undefined ? fitTotal(fitted, fit.totalText) : fitted;
}

/** A message's blocks within every Slack limit. `scale` < 1 renders smaller (after a refusal for size). */
export function fitBlocks(blocks: readonly KnownBlock[], scale = 1): KnownBlock[] {
  return fitBlockList(blocks, {
    scale,
    maxBlocks: SLACK_LIMITS.messageBlocks,
    totalText: Math.floor(BUDGETS.messageBlocksText * scale),
  }) as unknown as KnownBlock[];
}

/** A modal or Home tab within every Slack limit. */
export function fitView<V extends ModalView | HomeView>(view: V): V {
  const fit: Fit = { scale: 1, maxBlocks: SLACK_LIMITS.viewBlocks, totalText: undefined };
  const out: Json = { ...(view as unknown as Json), blocks: fitBlockList(view.blocks, fit) };
  for (const key of ['title', 'submit', 'close'] as const) {
    if (out[key] !== undefined) out[key] = fitTextObject(out[key], key === 'title' ? SLACK_LIMITS.modalTitle : SLACK_LIMITS.modalButton, fit);
  }
  if (out['callback_id'] !== undefined) out['callback_id'] = fitId(out['callback_id']);
  // private_metadata is JSON we read back: cutting it would only break it; ours is a few ids.
  return out as unknown as V;
}

/** What a message is made of, as the delivery handlers send it. */
export interface MessageContent {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * A message within Slack's limits: blocks fitted, and its text cut (to a notification's length when
 * blocks carry the content, to a readable length when the text is the message).
 */
export function fitMessage<M extends MessageContent>(message: M, scale = 1): M {
  const textMax = Math.floor((message.blocks ? BUDGETS.fallbackText : BUDGETS.textMessage) * scale);
  return {
    ...message,
    text: fitText(message.text, Math.max(1, textMax)),
    ...(message.blocks ? { blocks: fitBlocks(message.blocks, scale) } : {}),
  };
}

/** Whether a block lets someone act: buttons, or a section with a button beside it. */
const isInteractive = (block: Json): boolean =>
  block['type'] === 'actions' || (block['type'] === 'section' && isJson(block['accessory']) && block['accessory']['type'] === 'button');

/**
 * The smallest useful rendering, for when Slack refused even the halved one: the text as one short
 * section, then only what lets people act (the Acknowledge and Resolve buttons, checklist items),
 * every text cut hard.
 */
export function essentialMessage<M extends MessageContent>(message: M): M {
  const text = fitText(message.text, 500);
  if (!message.blocks) return { ...message, text };
  const kept = message.blocks.filter((b) => isInteractive(b as unknown as Json));
  const head: KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: fitText(message.text, 1000) } };
  return { ...message, text, blocks: fitBlocks([head, ...kept], 0.25) };
}
