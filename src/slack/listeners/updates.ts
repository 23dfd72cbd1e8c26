// Stakeholder updates in Slack: Draft update (summary, reminders, `/incident update`) opens the
// form; its submission pushes the preview; the preview's submission posts or asks for approval;
// Approve, Edit and Snooze answer the messages the outbox posted.

import { z } from 'zod';
import { AUDIENCES, IMPACT_LEVELS, UPDATE_STATES, type UpdateFields } from '../../domain/stakeholderUpdates.js';
import { draftUpdate } from '../../incidents/updates/draftUpdate.js';
import { snoozeUpdateReminders } from '../../incidents/updates/remindUpdates.js';
import { approveUpdate, sendUpdate, type SendOutcome } from '../../incidents/updates/sendUpdate.js';
import { ACTIONS, SNOOZE_ACTION_PATTERN } from '../blocks/actionIds.js';
import { VIEWS } from '../blocks/callbackIds.js';
import { channelLink, incidentRef } from '../blocks/format.js';
import { ALSO_IN_INCIDENT_CHANNEL } from '../blocks/updateModal.js';
import { updatePreview } from '../blocks/updatePreview.js';
import { actorWithGroups } from '../interaction/actingUser.js';
import { fieldErrors, formErrorResponse, formFields, readPrivateMetadata } from '../interaction/modals.js';
import { readInteraction } from '../interaction/payloads.js';
import { openUpdateEditForm, openUpdateForm } from '../interaction/updateForm.js';
import { button } from './actions.js';
import type { Listener } from './listener.js';

const text = (max: number, label: string) => z.string().max(max, `Keep ${label} under ${max.toLocaleString('en')} characters.`);

/** The form's fields (see blocks/updateModal.ts); which are required depends on the moment, checked by the use case. */
const updateFormSchema = z.object({
  audience: z.enum(AUDIENCES, { error: 'Choose who reads it.' }),
  state: z.enum(UPDATE_STATES, { error: 'Choose a state.' }),
  impact: z.enum(IMPACT_LEVELS, { error: 'Choose an impact.' }),
  components: text(500, 'the components').optional(),
  headline: text(150, 'the headline').optional(),
  userImpact: text(1500, 'it').optional(),
  actions: text(1500, 'it').optional(),
  workaround: text(1000, 'it').optional(),
  usersAffected: text(500, 'it').optional(),
  decisionsAffected: text(500, 'it').optional(),
  businessImpact: text(1000, 'it').optional(),
  actionRequired: text(1000, 'it').optional(),
  rootCause: text(1500, 'it').optional(),
  dataImpact: text(1000, 'it').optional(),
  alsoInIncidentChannel: z.array(z.string()).optional(),
});

type UpdateForm = z.infer<typeof updateFormSchema>;

const OPTIONAL_FIELDS = ['workaround', 'usersAffected', 'decisionsAffected', 'businessImpact', 'actionRequired', 'rootCause', 'dataImpact'] as const;

function fieldsFrom(form: UpdateForm): UpdateFields {
  const fields: UpdateFields = { headline: form.headline ?? '', userImpact: form.userImpact ?? '', actions: form.actions ?? '' };
  for (const name of OPTIONAL_FIELDS) if (form[name]) fields[name] = form[name];
  return fields;
}

const componentsFrom = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);

const formMetadata = z.object({ incidentId: z.number().int().positive(), draftKey: z.string().min(1) });
const previewMetadata = z.object({ updateId: z.number().int().positive() });
const draftValue = z.object({ incidentId: z.number().int().positive(), audience: z.enum(AUDIENCES).optional() });
const snoozeValue = z.object({ incidentId: z.number().int().positive(), minutes: z.number().int().min(1).max(240) });
const updateIdValue = z.coerce.number().int().positive();

/** What the person who sent or approved an update hears. */
function sentReply(result: SendOutcome): string | undefined {
  switch (result.outcome) {
    case 'posted':
      return result.channel ? `:white_check_mark: Posted in ${channelLink(result.channel)}.` : ':white_check_mark: Posted in this channel.';
    case 'awaiting_approval':
      return ':hourglass: Sent for approval; it is in the incident channel.';
    case 'already_posted':
      return 'This update was already posted; nothing was posted again.';
  }
}

export const UPDATE_LISTENERS: readonly Listener[] = [
  /** Draft update, from the summary or a reminder: open the form for this incident. */
  button(ACTIONS.draftUpdate, async (who, { action, client }, deps) => {
    const value = draftValue.parse(JSON.parse(action.value ?? ''));
    await openUpdateForm(client, deps.ctx, who.triggerId ?? '', value.incidentId, value.audience ?? 'client');
    return undefined;
  }),

  /** Approve, on an update that waits for it: the commander's click posts it, once. */
  button(ACTIONS.approveUpdate, async (who, { action, client }, deps) => {
    const actor = await actorWithGroups(client, deps.ctx.policy, 'approveUpdates', who.userId, deps.logger);
    return sentReply(approveUpdate(deps.ctx, { updateId: updateIdValue.parse(action.value), actor }));
  }),

  /** Edit, on an update that waits for approval: the form over that draft. */
  button(ACTIONS.editUpdate, async (who, { action, client }, deps) => {
    await openUpdateEditForm(client, deps.ctx, who.triggerId ?? '', updateIdValue.parse(action.value));
    return undefined;
  }),

  /** Snooze 15/30 min on a reminder. */
  button(SNOOZE_ACTION_PATTERN, (who, { action }, deps) => {
    const value = snoozeValue.parse(JSON.parse(action.value ?? ''));
    const { until } = snoozeUpdateReminders(deps.ctx, { incidentId: value.incidentId, userId: who.userId, forMs: value.minutes * 60_000 });
    return `:zzz: No update reminders for ${incidentRef(value.incidentId)} until ${until.toISOString().slice(11, 16)} UTC; the update is still due.`;
  }),

  {
    /** The form: save the draft, render it from the template, and push the preview above the form. */
    kind: 'view',
    callbackId: VIEWS.updateForm,
    handle: async ({ ack, body, view }, deps) => {
      const who = readInteraction(body, deps.logger);
      const form = updateFormSchema.safeParse(formFields(view.state?.values));
      if (!who || !form.success) {
        await ack(form.success ? undefined : fieldErrors(form.error));
        return;
      }
      const metadata = readPrivateMetadata(formMetadata, view.private_metadata);
      if (!metadata) {
        await ack({ response_action: 'errors', errors: { headline: 'This form lost track of its incident; close it and press Draft update again.' } });
        return;
      }
      try {
        const update = draftUpdate(deps.ctx, {
          ...metadata,
          audience: form.data.audience,
          state: form.data.state,
          impact: form.data.impact,
          components: componentsFrom(form.data.components),
          fields: fieldsFrom(form.data),
          alsoInIncidentChannel: (form.data.alsoInIncidentChannel ?? []).includes(ALSO_IN_INCIDENT_CHANNEL),
          author: who.userId,
        });
        await ack({ response_action: 'push', view: updatePreview(update, deps.ctx.policy.stakeholders.audiences[update.audience]) });
      } catch (error) {
        await ack(formErrorResponse(error, 'headline', deps.logger));
      }
    },
  },
  {
    /** The preview: post it (or send it for approval) and close every view of the form. */
    kind: 'view',
    callbackId: VIEWS.updatePreview,
    handle: async ({ ack, body, view }, deps) => {
      const who = readInteraction(body, deps.logger);
      const metadata = readPrivateMetadata(previewMetadata, view.private_metadata);
      if (!who || !metadata) {
        await ack();
        return;
      }
      try {
        sendUpdate(deps.ctx, { updateId: metadata.updateId, actor: who.userId });
        await ack({ response_action: 'clear' });
      } catch (error) {
        await ack({ response_action: 'errors', errors: {} });
        deps.logger.warn('update preview: could not send', { error: (error as Error).message });
      }
    },
  },
];
