import type { ModalView } from '@slack/types';
import type { IncidentRow } from '../../db/schema/index.js';
import { clip, fitView } from './limits.js';
import { VIEWS } from './callbackIds.js';
import { dateTimeInput, multiSelectInput, option, radioInput, textInput } from './formElements.js';
import { CONTRIBUTING_FACTORS } from '../../domain/reviewDue.js';
import { incidentRef, md, plain } from './format.js';

/** What the resolve form hands back to its submission listener. */
export interface ResolveMetadata {
  incidentId: number;
  /** Where the form was asked for, to answer there. */
  channelId?: string;
}

/** The resolve form: what fixed it, why it broke, whether the model was rolled back, when impact ended. */
export function resolveModal(incident: IncidentRow, metadata: ResolveMetadata): ModalView {
  return fitView({
    type: 'modal',
    callback_id: VIEWS.resolve,
    title: plain(`Resolve ${incidentRef(incident.id)}`, 24),
    submit: plain('Resolve', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: 'context', elements: [md(`*${incidentRef(incident.id)}* ${incident.severity} · ${clip(incident.title, 200)}`)] },
      textInput('summary', { label: 'How was it resolved?', multiline: true, maxLength: 3000, placeholder: 'Rolled back to 2026-11-02; accuracy back to 0.91' }),
      textInput('rootCause', { label: 'Root cause, as far as known', optional: true, multiline: true, maxLength: 3000, hint: 'The review separates the proximate cause from the root cause; a first guess is fine.' }),
      radioInput('modelRolledBack', { label: 'Was the model rolled back?', choices: [option('yes', 'Yes'), option('no', 'No')] }),
      dateTimeInput('customerImpactEndedAt', { label: 'When did customer impact end?', optional: true, hint: 'Leave empty if customers were not affected.' }),
      dateTimeInput('impactStartedAt', {
        label: 'When did impact really start?',
        optional: true,
        hint: 'Only if it began before the alerts said (e.g. at a deploy): time to detect, mitigate and resolve are measured from it.',
      }),
      radioInput('harmLevel', {
        label: 'How bad was it?',
        optional: true,
        choices: [option('event', 'Event', 'Harm was done'), option('near_miss', 'Near miss', 'Harm was narrowly avoided'), option('issue', 'Issue', 'A problem, no harm yet')],
      }),
      multiSelectInput('contributingFactors', {
        label: 'Contributing factors',
        optional: true,
        placeholder: 'Choose any that apply',
        choices: CONTRIBUTING_FACTORS.map((factor) => option(factor, factor)),
        hint: 'Conditions of systems and practices, never a person. Counted across incidents in /incident stats.',
      }),
    ],
  });
}
