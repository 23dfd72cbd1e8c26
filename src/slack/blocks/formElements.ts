import type { InputBlock, PlainTextOption } from '@slack/types';
import { plain } from './format.js';
import { cutPlain } from './limits.js';

// Small builders for form inputs. The block id and the action id are both the name of the field
// the use case takes, so a use case's error about a field (VigilError.field) lands next to that
// field in the form, and action ids stay unique within the view.

export const option = (value: string, text: string, description?: string): PlainTextOption => ({
  value,
  text: plain(text, 75),
  ...(description ? { description: plain(description, 75) } : {}),
});

interface InputOptions {
  label: string;
  optional?: boolean;
  hint?: string;
}

function input(field: string, element: InputBlock['element'], options: InputOptions): InputBlock {
  return {
    type: 'input',
    block_id: field,
    label: plain(options.label, 2000),
    optional: options.optional ?? false,
    ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
    element,
  };
}

export function textInput(field: string, options: InputOptions & { initial?: string; multiline?: boolean; maxLength: number; placeholder?: string }): InputBlock {
  return input(
    field,
    {
      type: 'plain_text_input',
      action_id: field,
      multiline: options.multiline ?? false,
      max_length: options.maxLength,
      // A value, not a text object: Slack shows it as typed, so it is not escaped.
      ...(options.initial ? { initial_value: cutPlain(options.initial, options.maxLength) } : {}),
      ...(options.placeholder ? { placeholder: plain(options.placeholder, 150) } : {}),
    },
    options,
  );
}

export function selectInput(field: string, options: InputOptions & { choices: PlainTextOption[]; placeholder: string; initial?: string }): InputBlock {
  const initial = options.choices.find((choice) => choice.value === options.initial);
  return input(
    field,
    { type: 'static_select', action_id: field, placeholder: plain(options.placeholder, 150), options: options.choices, ...(initial ? { initial_option: initial } : {}) },
    options,
  );
}

export function multiSelectInput(field: string, options: InputOptions & { choices: PlainTextOption[]; placeholder: string }): InputBlock {
  return input(field, { type: 'multi_static_select', action_id: field, placeholder: plain(options.placeholder, 150), options: options.choices }, options);
}

export function radioInput(field: string, options: InputOptions & { choices: PlainTextOption[] }): InputBlock {
  return input(field, { type: 'radio_buttons', action_id: field, options: options.choices }, options);
}

export function checkboxInput(field: string, options: InputOptions & { choices: PlainTextOption[]; initial?: string[] }): InputBlock {
  const initial = options.choices.filter((choice) => options.initial?.includes(choice.value ?? ''));
  return input(field, { type: 'checkboxes', action_id: field, options: options.choices, ...(initial.length ? { initial_options: initial } : {}) }, options);
}

export function dateTimeInput(field: string, options: InputOptions): InputBlock {
  return input(field, { type: 'datetimepicker', action_id: field }, options);
}
