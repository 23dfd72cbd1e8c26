/**
 * A modal view as an HTML form: input blocks become fields (plain_text_input, static_select,
 * radio_buttons, checkboxes, datepicker, datetimepicker, timepicker, number/email/url inputs);
 * other blocks are drawn as in a message. Each field carries data-block / data-action /
 * data-type, which the page reads back on submit; the server turns those raw values into
 * Slack's state shapes (see ../viewState.ts). A field shows what the person last entered in it
 * (`modal.values`, same raw shape) if anything, else the element's initial value. Vigil's
 * errors are shown under their block. A pushed view (one with a previous_view_id) has a back
 * arrow, as in Slack. Runs on the server and, bundled, in the page (see kit.ts).
 */
import type { Kit, UiModal } from './types.js';

export function modalToHtml(modal: UiModal, kit: Kit): string {
  const rec = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const textOf = (t: unknown): string => str(rec(t)['text']);
  const view = modal.view;
  const pad = (n: number) => String(n).padStart(2, '0');
  // datetime-local wants the browser's local wall time; Slack sends unix seconds.
  const localDateTime = (secs: number): string => {
    const d = new Date(secs * 1000);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };

  const options = (el: Record<string, unknown>): Record<string, unknown>[] => [
    ...arr(el['options']).map(rec),
    ...arr(el['option_groups']).flatMap((g) => arr(rec(g)['options']).map(rec)),
  ];
  const entered = modal.values ?? {};
  // What the person entered in this field, if they entered anything (null: they emptied it).
  const enteredIn = (blockId: string, actionId: string): { raw: string | string[] | null } | undefined => {
    const fields = entered[blockId];
    return fields && Object.prototype.hasOwnProperty.call(fields, actionId) ? { raw: fields[actionId] ?? null } : undefined;
  };
  const asList = (raw: string | string[] | null): string[] => (Array.isArray(raw) ? raw : raw === null || raw === '' ? [] : [raw]);
  const asOne = (raw: string | string[] | null): string => asList(raw)[0] ?? '';

  const field = (blockId: string, el: Record<string, unknown>): string => {
    const type = str(el['type']);
    const actionId = str(el['action_id']);
    const mine = enteredIn(blockId, actionId);
    // The value shown: the person's entry if any, else the element's `initial_*` field.
    const shown = (initialKey: string): string => (mine ? asOne(mine.raw) : str(el[initialKey]));
    const chosenValues = (): Set<string> =>
      mine
        ? new Set(asList(mine.raw))
        : new Set([...arr(el['initial_options']), ...(el['initial_option'] ? [el['initial_option']] : [])].map((o) => str(rec(o)['value'])));
    const data = `data-block="${kit.esc(blockId)}" data-action="${kit.esc(actionId)}" data-type="${kit.esc(type)}"`;
    const placeholder = kit.plain(textOf(el['placeholder']));
    const name = kit.esc(`${blockId}/${actionId}`);
    switch (type) {
      case 'plain_text_input': {
        const max = typeof el['max_length'] === 'number' ? ` maxlength="${el['max_length']}"` : '';
        const initial = kit.esc(shown('initial_value'));
        return el['multiline'] === true
          ? `<textarea class="field" ${data} rows="4" placeholder="${placeholder}"${max}>${initial}</textarea>`
          : `<input class="field" type="text" ${data} placeholder="${placeholder}" value="${initial}"${max}>`;
      }
      case 'number_input':
      case 'email_text_input':
      case 'url_text_input': {
        const kind = type === 'number_input' ? 'number' : type === 'email_text_input' ? 'email' : 'url';
        return `<input class="field" type="${kind}" ${data} placeholder="${placeholder}" value="${kit.esc(shown('initial_value'))}">`;
      }
      case 'static_select': {
        const chosen = chosenValues();
        const opts = options(el).map((o) => {
          const value = str(o['value']);
          return `<option value="${kit.esc(value)}"${chosen.has(value) ? ' selected' : ''}>${kit.plain(textOf(o['text']))}</option>`;
        });
        return `<select class="field" ${data}><option value="">${placeholder || 'Select an option'}</option>${opts.join('')}</select>`;
      }
      case 'radio_buttons':
      case 'checkboxes': {
        const chosen = chosenValues();
        const input = type === 'checkboxes' ? 'checkbox' : 'radio';
        const items = options(el).map((o) => {
          const value = str(o['value']);
          const description = o['description'] ? `<div class="hint">${kit.text(o['description'])}</div>` : '';
          return (
            `<label class="choice"><input type="${input}" name="${name}" value="${kit.esc(value)}"${chosen.has(value) ? ' checked' : ''}>` +
            ` <span>${kit.text(o['text'])}${description}</span></label>`
          );
        });
        return `<div class="field choices" ${data}>${items.join('')}</div>`;
      }
      case 'datepicker':
        return `<input class="field" type="date" ${data} value="${kit.esc(shown('initial_date'))}">`;
      case 'timepicker':
        return `<input class="field" type="time" ${data} value="${kit.esc(shown('initial_time'))}">`;
      case 'datetimepicker': {
        const secs = mine ? Number(asOne(mine.raw) || NaN) : typeof el['initial_date_time'] === 'number' ? el['initial_date_time'] : NaN;
        const initial = Number.isFinite(secs) ? localDateTime(secs) : '';
        return `<input class="field" type="datetime-local" ${data} value="${kit.esc(initial)}">`;
      }
      default:
        return `<div class="inert">${kit.esc(type)} is not emulated</div>`;
    }
  };

  const block = (raw: unknown): string => {
    const b = rec(raw);
    if (b['type'] !== 'input') return kit.blocks([b], null);
    const blockId = str(b['block_id']);
    const optional = b['optional'] === true ? ' <span class="optional">(optional)</span>' : '';
    const hint = b['hint'] ? `<div class="hint">${kit.text(b['hint'])}</div>` : '';
    const error = modal.errors[blockId] ?? '';
    return (
      `<div class="input-block">` +
      `<label class="label">${kit.plain(textOf(b['label']))}${optional}</label>` +
      `${field(blockId, rec(b['element']))}${hint}` +
      `<div class="field-error" data-error-for="${kit.esc(blockId)}">${kit.esc(error)}</div>` +
      `</div>`
    );
  };

  const submit = textOf(view['submit']);
  const pushed = typeof view['previous_view_id'] === 'string' && view['previous_view_id'] !== '';
  const back = pushed ? `<button type="button" class="back" data-modal-close="1" title="Back">‹</button>` : '';
  return (
    `<form class="modal" data-view-id="${kit.esc(modal.id)}">` +
    `<div class="modal-head"><span>${back}${kit.plain(textOf(view['title']))}</span>` +
    `<button type="button" class="x" data-modal-close="1" title="Close">×</button></div>` +
    `<div class="modal-body">${arr(view['blocks']).map(block).join('')}</div>` +
    `<div class="modal-foot"><button type="button" class="btn" data-modal-close="1">${kit.plain(textOf(view['close']) || 'Cancel')}</button>` +
    (submit ? `<button type="submit" class="btn primary">${kit.plain(submit)}</button>` : '') +
    `</div></form>`
  );
}
