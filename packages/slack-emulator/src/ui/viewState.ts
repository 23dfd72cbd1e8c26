/**
 * A modal's `view.state.values` from what the page's form held: `values[block_id][action_id]`
 * in the shape Slack gives each element type. The page sends raw strings (a value, the chosen
 * option's value, a list of them, unix seconds for a datetimepicker); the options themselves
 * come from the view, as Slack echoes the whole option object back.
 */
import { isRecord } from '../args.js';

export type RawField = string | string[] | null;
export type RawValues = Record<string, Record<string, RawField>>;
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

const one = (raw: RawField | undefined): string | null => {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' && v !== '' ? v : null;
};
const many = (raw: RawField | undefined): string[] => (Array.isArray(raw) ? raw : typeof raw === 'string' && raw !== '' ? [raw] : []);

function optionsOf(el: Record<string, unknown>): Record<string, unknown>[] {
  const groups = Array.isArray(el['option_groups']) ? el['option_groups'] : [];
  const grouped = groups.flatMap((g) => (isRecord(g) && Array.isArray(g['options']) ? g['options'] : []));
  return [...(Array.isArray(el['options']) ? el['options'] : []), ...grouped].filter(isRecord);
}

/** One element's state; unknown element types report only their type, as an untouched input would. */
export function elementState(el: Record<string, unknown>, raw: RawField | undefined): Record<string, unknown> {
  const type = typeof el['type'] === 'string' ? el['type'] : '';
  const find = (value: string | null) => optionsOf(el).find((o) => o['value'] === value) ?? null;
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: one(raw) };
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: find(one(raw)) };
    case 'checkboxes':
    case 'multi_static_select': {
      const chosen = new Set(many(raw));
      return { type, selected_options: optionsOf(el).filter((o) => chosen.has(String(o['value']))) };
    }
    case 'datepicker':
      return { type, selected_date: one(raw) };
    case 'timepicker':
      return { type, selected_time: one(raw) };
    case 'datetimepicker': {
      const secs = Number(one(raw) ?? NaN);
      return { type, selected_date_time: Number.isFinite(secs) ? Math.floor(secs) : null };
    }
    default:
      return { type };
  }
}

/** Every input block of the view, filled or not, as Slack submits them. */
export function viewStateValues(blocks: unknown, raw: RawValues): StateValues {
  const values: StateValues = {};
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (!isRecord(block) || block['type'] !== 'input' || !isRecord(block['element'])) continue;
    const blockId = typeof block['block_id'] === 'string' ? block['block_id'] : '';
    const actionId = typeof block['element']['action_id'] === 'string' ? block['element']['action_id'] : '';
    values[blockId] = { [actionId]: elementState(block['element'], raw[blockId]?.[actionId]) };
  }
  return values;
}
