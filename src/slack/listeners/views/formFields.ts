import { z } from 'zod';

// A submitted form arrives as `view.state.values[blockId][actionId]`, shaped by element type.
// Vigil's forms hold one input per block, with block id and action id both the field name (see
// blocks/formElements.ts), so the submission flattens to { field: value } for a zod schema.

const elementState = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
  selected_date_time: z.number().nullish(),
});

const stateValues = z.record(z.string(), z.record(z.string(), elementState));

export type FieldValue = string | string[] | number | undefined;

function fieldValue(state: z.infer<typeof elementState>): FieldValue {
  if (state.value !== undefined && state.value !== null) {
    const text = state.value.trim();
    return text === '' ? undefined : text;
  }
  if (state.selected_option) return state.selected_option.value;
  if (state.selected_options) return state.selected_options.map((o) => o.value);
  return state.selected_date_time ?? undefined;
}

/** `{ field: value }` from a view's state; empty text and unselected inputs are undefined. */
export function formFields(values: unknown): Record<string, FieldValue> {
  const parsed = stateValues.safeParse(values);
  if (!parsed.success) return {};
  const fields: Record<string, FieldValue> = {};
  for (const [blockId, actions] of Object.entries(parsed.data)) {
    const state = actions[blockId];
    if (state) fields[blockId] = fieldValue(state);
  }
  return fields;
}

/** Zod's complaints as Slack's modal errors: the first message per field, keyed by its block id. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in errors)) errors[field] = issue.message;
  }
  return errors;
}
