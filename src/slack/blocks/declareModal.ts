import type { ModalView } from '@slack/types';
import { SEVERITY_MEANING } from '../../domain/severity.js';
import { CATEGORIES, SEVERITIES, type Category } from '../../domain/types.js';
import { VIEWS } from './callbackIds.js';
import { checkboxInput, option, radioInput, selectInput, textInput } from './formElements.js';
import { plain } from './format.js';
import { fitView } from './limits.js';

/** What the declare form hands back to its submission listener. */
export interface DeclareMetadata {
  /** Where `/incident declare` was typed, to confirm there. */
  channelId: string;
}

const CATEGORY_WORDS: Record<Category, [string, string]> = {
  data: ['Data (upstream)', 'input drift, nulls, schema or pipeline breaks'],
  model: ['Model (internal)', 'accuracy, calibration or confidence falling'],
  integration: ['Integration (downstream)', 'stale features, version mismatch, skew'],
  infrastructure: ['Infrastructure', 'latency, GPU pressure, timeouts, 5xx'],
  safety: ['Safety & compliance', 'harmful output, PII leak, prompt injection'],
  retrieval: ['Retrieval (RAG)', 'irrelevant documents, embedding or index problems'],
};

export const PRIVATE_OPTION = 'private';

/** The `/incident declare` form; each block id is the name of the field it fills. */
export function declareModal(metadata: DeclareMetadata, title?: string): ModalView {
  return fitView({
    type: 'modal',
    callback_id: VIEWS.declare,
    title: plain('Declare an incident', 24),
    submit: plain('Declare', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      textInput('title', { label: 'Title', maxLength: 150, placeholder: 'Fraud model flags nothing since 14:00', ...(title ? { initial: title } : {}) }),
      textInput('description', { label: 'What is happening', optional: true, multiline: true, maxLength: 3000, placeholder: 'What you see, since when, who noticed' }),
      selectInput('severity', {
        label: 'Severity',
        placeholder: 'How bad is it?',
        choices: SEVERITIES.map((s) => option(s, s, SEVERITY_MEANING[s])),
      }),
      selectInput('category', {
        label: 'Category',
        placeholder: 'What kind of failure?',
        choices: CATEGORIES.map((c) => option(c, CATEGORY_WORDS[c][0], CATEGORY_WORDS[c][1])),
        hint: 'Decides who is paged and which checklist and runbook you get.',
      }),
      textInput('modelName', { label: 'Affected model', optional: true, maxLength: 100, placeholder: 'fraud-detector' }),
      textInput('modelVersion', { label: 'Model version', optional: true, maxLength: 100, placeholder: '2026-11-02' }),
      radioInput('customerImpact', { label: 'Are customers affected?', optional: true, choices: [option('yes', 'Yes'), option('no', 'No')] }),
      checkboxInput('isPrivate', {
        label: 'Visibility',
        optional: true,
        choices: [option(PRIVATE_OPTION, 'Private incident', 'Private channel; not announced anywhere else')],
      }),
    ],
  });
}
