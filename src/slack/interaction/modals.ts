import type { ModalView } from '@slack/types';
import { ErrorCode, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { z } from 'zod';
import { VigilError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { errorReply } from '../replies.js';

// Vigil's forms: opened from a command or a button, read back when submitted, and refused next
// to the field at fault.

/**
 * Open a form now, inside the request that carries the trigger: a trigger lasts 3 seconds, so
 * this is a direct call and not an outbox effect. An expired trigger becomes words for the person.
 */
export async function openModal(client: WebClient, triggerId: string, view: ModalView): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    const platform = error as Partial<WebAPIPlatformError>;
    if (platform.code === ErrorCode.PlatformError && platform.data?.error === 'expired_trigger_id') {
      throw new VigilError('conflict', 'Slack gave up waiting to open the form (it allows 3 seconds). Please try again.');
    }
    throw error;
  }
}

/** A form's private_metadata (JSON we wrote when opening it), checked; undefined if it is not what we wrote. */
export function readPrivateMetadata<T>(schema: z.ZodType<T>, text: string | undefined): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text || '{}'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

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

export interface FormErrors {
  response_action: 'errors';
  errors: Record<string, string>;
}

/** Zod's complaints as Slack's modal errors: the first message per field, keyed by its block id. */
export function fieldErrors(error: z.ZodError): FormErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in errors)) errors[field] = issue.message;
  }
  return { response_action: 'errors', errors };
}

/**
 * A use case's refusal shown in the form: next to the field it names (VigilError.field is a
 * block id, since block ids are field names), else next to `fallbackField`.
 */
export function formErrorResponse(error: unknown, fallbackField: string, logger: Logger): FormErrors {
  const field = error instanceof VigilError && error.field ? error.field : fallbackField;
  return { response_action: 'errors', errors: { [field]: errorReply(error, logger) } };
}
