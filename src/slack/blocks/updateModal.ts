import type { ModalView } from '@slack/types';
import type { IncidentRow } from '../../db/schema/index.js';
import { AUDIENCES, AUDIENCE_WORDS, IMPACT_LEVELS, UPDATE_STATES, requiredFields, type UpdateFieldName } from '../../domain/stakeholderUpdates.js';
import type { UpdateFormDefaults } from '../../incidents/updates/updateDefaults.js';
import { FIELD_LABELS } from '../../incidents/updates/draftUpdate.js';
import { VIEWS } from './callbackIds.js';
import { checkboxInput, option, selectInput, textInput } from './formElements.js';
import { incidentRef, md, plain } from './format.js';
import { clip, fitView } from './limits.js';

/** What the update form hands back to its submission listener. */
export interface UpdateFormMetadata {
  incidentId: number;
  /** Made when the form opened: submitting it again (after Back) edits the same draft. */
  draftKey: string;
}

export const ALSO_IN_INCIDENT_CHANNEL = 'also-in-incident-channel';

const MOMENT_WORDS = { initial: 'first notification', update: 'status update', resolution: 'resolution notification' } as const;

const HINTS: Partial<Record<UpdateFieldName, string>> = {
  headline: 'What readers outside the team call this; the status page shows it for client updates.',
  userImpact: 'In the reader’s terms: what they see, not what broke.',
  actions: 'What the team is doing now. No resolution time unless it is confirmed.',
  dataImpact: 'Were any data or decisions lost or wrong? “None” is an answer.',
  actionRequired: 'Anything the reader must do, e.g. re-run yesterday’s scores.',
};

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The Draft update form, prefilled for the incident's moment. Submitting it shows the preview
 * (pushed above it, so Back returns here with every word kept); the preview posts.
 */
export function updateModal(incident: IncidentRow, defaults: UpdateFormDefaults, metadata: UpdateFormMetadata): ModalView {
  const required = new Set(requiredFields(defaults.moment, defaults.audience));
  const field = (name: UpdateFieldName, maxLength: number, multiline = true) =>
    textInput(name, {
      label: FIELD_LABELS[name],
      optional: !required.has(name),
      multiline,
      maxLength,
      ...(defaults.fields[name] ? { initial: defaults.fields[name] } : {}),
      ...(HINTS[name] ? { hint: HINTS[name] } : {}),
    });
  return fitView({
    type: 'modal',
    callback_id: VIEWS.updateForm,
    title: plain('Draft update', 24),
    submit: plain('Preview', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: 'context', elements: [md(`*${incidentRef(incident.id)}* ${incident.severity} · ${clip(incident.title, 200)} · drafting the ${MOMENT_WORDS[defaults.moment]}`)] },
      selectInput('audience', {
        label: 'Audience',
        placeholder: 'Who reads it',
        choices: AUDIENCES.map((a) => option(a, AUDIENCE_WORDS[a])),
        initial: defaults.audience,
        hint: 'Each audience has its own template and channel; client updates need the commander’s approval.',
      }),
      selectInput('state', { label: 'State', placeholder: 'Choose a state', choices: UPDATE_STATES.map((s) => option(s, capitalised(s))), initial: defaults.state }),
      selectInput('impact', { label: 'Impact', placeholder: 'Choose an impact', choices: IMPACT_LEVELS.map((i) => option(i, capitalised(i))), initial: defaults.impact }),
      textInput('components', {
        label: 'Affected components',
        optional: true,
        maxLength: 500,
        ...(defaults.components.length ? { initial: defaults.components.join(', ') } : {}),
        hint: 'Models and the product features that use them, separated by commas.',
      }),
      field('headline', 150, false),
      field('userImpact', 1500),
      field('actions', 1500),
      field('workaround', 1000),
      field('usersAffected', 500),
      field('decisionsAffected', 500),
      field('businessImpact', 1000),
      field('actionRequired', 1000),
      field('rootCause', 1500),
      ...(defaults.moment === 'resolution' ? [field('dataImpact', 1000)] : []),
      checkboxInput('alsoInIncidentChannel', {
        label: 'Where',
        optional: true,
        choices: [option(ALSO_IN_INCIDENT_CHANNEL, 'Also post it in the incident channel')],
        ...(defaults.alsoInIncidentChannel ? { initial: [ALSO_IN_INCIDENT_CHANNEL] } : {}),
      }),
    ],
  });
}
