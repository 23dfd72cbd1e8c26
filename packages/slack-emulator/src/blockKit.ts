/**
 * Loose Block Kit validation: the limits Slack enforces that our own code is likely to break.
 * Each problem is reported the way Slack reports it in `response_metadata.messages`:
 * `[ERROR] <what> [json-pointer:/blocks/3/text/text]`.
 *
 * Limits (docs.slack.dev Block Kit reference): 50 blocks per message, 100 per modal or Home tab;
 * section text 3,000, each of at most 10 fields 2,000; header 150 (plain_text); context at most 10
 * elements; button text 75, option text and description 75; placeholder 150; input label and hint
 * 2,000; a text input's max_length and initial_value 3,000 (the value within max_length);
 * action_id, block_id 255; modal title, submit, close 24; private_metadata 3,000. A message's
 * `text` over 40,000 answers `msg_too_long` (methods/chat.ts), and block text adding up past
 * 12,000 characters `msg_blocks_too_long` (undocumented; slackapi/bolt-js#2509).
 */
import { isRecord } from './args.js';

const BLOCK_TYPES = new Set([
  'actions', 'context', 'context_actions', 'divider', 'file', 'header', 'image', 'input',
  'markdown', 'rich_text', 'section', 'video', 'call', 'table', 'rich_text_list',
]);

interface Limits {
  maxBlocks: number;
}

export const MESSAGE_LIMITS: Limits = { maxBlocks: 50 };
/** `text` of chat.postMessage / chat.update / chat.postEphemeral. */
export const MAX_MESSAGE_TEXT = 40_000;
/** Total text in one message's blocks before Slack answers `msg_blocks_too_long`. */
export const MAX_MESSAGE_BLOCKS_TEXT = 12_000;
export const VIEW_LIMITS: Limits = { maxBlocks: 100 };

class Checker {
  readonly problems: string[] = [];
  readonly actionIds = new Set<string>();
  readonly blockIds = new Set<string>();

  fail(pointer: string, what: string): void {
    this.problems.push(`[ERROR] ${what} [json-pointer:${pointer}]`);
  }

  maxLen(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && value.length > max) {
      this.fail(pointer, `must be less than ${max + 1} characters`);
    }
  }

  /** A text object: { type: plain_text | mrkdwn, text }. */
  text(t: unknown, pointer: string, max: number, plainOnly = false): void {
    if (!isRecord(t)) {
      this.fail(pointer, 'must be a text object');
      return;
    }
    const type = t['type'];
    if (type !== 'plain_text' && (plainOnly || type !== 'mrkdwn')) {
      this.fail(`${pointer}/type`, plainOnly ? 'must be plain_text' : 'must be plain_text or mrkdwn');
    }
    if (typeof t['text'] !== 'string' || t['text'] === '') {
      this.fail(`${pointer}/text`, 'must be a non-empty string');
      return;
    }
    this.maxLen(t['text'], max, `${pointer}/text`);
  }

  actionId(el: Record<string, unknown>, pointer: string): void {
    const id = el['action_id'];
    if (id === undefined) return;
    if (typeof id !== 'string') return this.fail(`${pointer}/action_id`, 'must be a string');
    this.maxLen(id, 255, `${pointer}/action_id`);
    if (this.actionIds.has(id)) this.fail(`${pointer}/action_id`, `action_id "${id}" is already used`);
    this.actionIds.add(id);
  }

  options(opts: unknown, pointer: string, max: number): void {
    if (opts === undefined) return;
    if (!Array.isArray(opts)) return this.fail(pointer, 'must be an array');
    if (opts.length > max) this.fail(pointer, `must have at most ${max} items`);
    opts.forEach((o, i) => {
      const p = `${pointer}/${i}`;
      if (!isRecord(o)) return this.fail(p, 'must be an option object');
      this.text(o['text'], `${p}/text`, 75);
      if (o['description'] !== undefined) this.text(o['description'], `${p}/description`, 75);
      this.maxLen(o['value'], 150, `${p}/value`);
    });
  }

  element(el: unknown, pointer: string): void {
    if (!isRecord(el)) return this.fail(pointer, 'must be an element object');
    const type = el['type'];
    if (typeof type !== 'string') return this.fail(`${pointer}/type`, 'is required');
    this.actionId(el, pointer);
    if (el['placeholder'] !== undefined) this.text(el['placeholder'], `${pointer}/placeholder`, 150, true);
    switch (type) {
      case 'button':
        this.text(el['text'], `${pointer}/text`, 75, true);
        this.maxLen(el['value'], 2000, `${pointer}/value`);
        this.maxLen(el['url'], 3000, `${pointer}/url`);
        if (el['style'] !== undefined && el['style'] !== 'primary' && el['style'] !== 'danger') {
          this.fail(`${pointer}/style`, 'must be primary or danger');
        }
        break;
      case 'static_select':
      case 'multi_static_select':
        if (el['options'] === undefined && el['option_groups'] === undefined) {
          this.fail(`${pointer}/options`, 'options or option_groups is required');
        }
        this.options(el['options'], `${pointer}/options`, 100);
        break;
      case 'overflow':
        this.options(el['options'], `${pointer}/options`, 5);
        break;
      case 'checkboxes':
      case 'radio_buttons':
        this.options(el['options'], `${pointer}/options`, 10);
        break;
      case 'plain_text_input': {
        const maxLength = el['max_length'];
        if (typeof maxLength === 'number' && maxLength > 3000) {
          this.fail(`${pointer}/max_length`, 'must be at most 3000');
        }
        const initial = el['initial_value'];
        if (typeof initial === 'string') {
          this.maxLen(initial, Math.min(3000, typeof maxLength === 'number' ? maxLength : 3000), `${pointer}/initial_value`);
        }
        break;
      }
      default:
        break;
    }
  }

  block(b: unknown, pointer: string): void {
    if (!isRecord(b)) return this.fail(pointer, 'must be a block object');
    const type = b['type'];
    if (typeof type !== 'string' || !BLOCK_TYPES.has(type)) {
      return this.fail(`${pointer}/type`, `unknown block type ${JSON.stringify(type)}`);
    }
    const blockId = b['block_id'];
    if (blockId !== undefined) {
      if (typeof blockId !== 'string') this.fail(`${pointer}/block_id`, 'must be a string');
      else {
        this.maxLen(blockId, 255, `${pointer}/block_id`);
        if (this.blockIds.has(blockId)) this.fail(`${pointer}/block_id`, `block_id "${blockId}" is already used`);
        this.blockIds.add(blockId);
      }
    }
    switch (type) {
      case 'section': {
        if (b['text'] === undefined && b['fields'] === undefined) {
          this.fail(pointer, 'text or fields is required');
        }
        if (b['text'] !== undefined) this.text(b['text'], `${pointer}/text`, 3000);
        const fields = b['fields'];
        if (fields !== undefined) {
          if (!Array.isArray(fields)) this.fail(`${pointer}/fields`, 'must be an array');
          else {
            if (fields.length > 10) this.fail(`${pointer}/fields`, 'must have at most 10 items');
            fields.forEach((f, i) => this.text(f, `${pointer}/fields/${i}`, 2000));
          }
        }
        if (b['accessory'] !== undefined) this.element(b['accessory'], `${pointer}/accessory`);
        break;
      }
      case 'header':
        this.text(b['text'], `${pointer}/text`, 150, true);
        break;
      case 'context': {
        const els = b['elements'];
        if (!Array.isArray(els) || els.length === 0) return this.fail(`${pointer}/elements`, 'must be a non-empty array');
        if (els.length > 10) this.fail(`${pointer}/elements`, 'must have at most 10 items');
        els.forEach((e, i) => {
          if (isRecord(e) && e['type'] === 'image') return;
          this.text(e, `${pointer}/elements/${i}`, 3000);
        });
        break;
      }
      case 'actions': {
        const els = b['elements'];
        if (!Array.isArray(els) || els.length === 0) return this.fail(`${pointer}/elements`, 'must be a non-empty array');
        if (els.length > 25) this.fail(`${pointer}/elements`, 'must have at most 25 items');
        els.forEach((e, i) => this.element(e, `${pointer}/elements/${i}`));
        break;
      }
      case 'input':
        this.text(b['label'], `${pointer}/label`, 2000, true);
        if (b['hint'] !== undefined) this.text(b['hint'], `${pointer}/hint`, 2000, true);
        if (b['element'] === undefined) this.fail(`${pointer}/element`, 'is required');
        else this.element(b['element'], `${pointer}/element`);
        break;
      case 'image':
        if (typeof b['alt_text'] !== 'string') this.fail(`${pointer}/alt_text`, 'is required');
        break;
      default:
        break;
    }
  }
}

/** Problems in a blocks array ([] when fine). `pointer` is where the array sits ('/blocks'). */
export function validateBlocks(blocks: unknown, limits: Limits, pointer = '/blocks'): string[] {
  const c = new Checker();
  checkBlocksInto(c, blocks, limits, pointer);
  return c.problems;
}

function checkBlocksInto(c: Checker, blocks: unknown, limits: Limits, pointer: string): void {
  if (!Array.isArray(blocks)) {
    c.fail(pointer, 'must be an array');
    return;
  }
  if (blocks.length > limits.maxBlocks) {
    c.fail(pointer, `no more than ${limits.maxBlocks} items allowed`);
  }
  blocks.forEach((b, i) => c.block(b, `${pointer}/${i}`));
}

/** Characters of text in a blocks array: every `text` string of every text object, however deep. */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + blocksTextLength(v), 0);
  if (!isRecord(value)) return 0;
  let sum = 0;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'text' && typeof v === 'string') sum += v.length;
    else if (typeof v === 'object') sum += blocksTextLength(v);
  }
  return sum;
}

/** Problems in a modal or Home tab view ([] when fine). */
export function validateView(view: unknown): string[] {
  const c = new Checker();
  if (!isRecord(view)) {
    c.fail('/view', 'must be an object');
    return c.problems;
  }
  const type = view['type'];
  if (type !== 'modal' && type !== 'home') {
    c.fail('/view/type', 'must be modal or home');
    return c.problems;
  }
  if (type === 'modal') {
    if (view['title'] === undefined) c.fail('/view/title', 'is required');
    else c.text(view['title'], '/view/title', 24, true);
    if (view['submit'] !== undefined) c.text(view['submit'], '/view/submit', 24, true);
    if (view['close'] !== undefined) c.text(view['close'], '/view/close', 24, true);
    const hasInput = Array.isArray(view['blocks']) && view['blocks'].some((b) => isRecord(b) && b['type'] === 'input');
    if (hasInput && view['submit'] === undefined) {
      c.fail('/view/submit', 'submit is required when an input block is included');
    }
  }
  c.maxLen(view['private_metadata'], 3000, '/view/private_metadata');
  c.maxLen(view['callback_id'], 255, '/view/callback_id');
  c.maxLen(view['external_id'], 255, '/view/external_id');
  checkBlocksInto(c, view['blocks'] ?? [], VIEW_LIMITS, '/view/blocks');
  return c.problems;
}

/** Problems in message metadata ([] when fine): `{ event_type, event_payload }`. */
export function validateMetadata(metadata: unknown): string[] {
  if (!isRecord(metadata)) return ['[ERROR] must be an object [json-pointer:/metadata]'];
  const problems: string[] = [];
  if (typeof metadata['event_type'] !== 'string' || metadata['event_type'] === '') {
    problems.push('[ERROR] event_type is required [json-pointer:/metadata/event_type]');
  }
  if (!isRecord(metadata['event_payload'])) {
    problems.push('[ERROR] event_payload must be an object [json-pointer:/metadata/event_payload]');
  }
  return problems;
}
