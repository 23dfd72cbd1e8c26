// The forms Vigil opens (blocks/declareModal.ts, blocks/resolveModal.ts), submitted: validate
// next to each field, call the use case, close the form. The answer is the ack itself, so a
// refusal shows in the form; everything else Slack must see goes through the outbox.

import { z } from 'zod';
import { CATEGORIES, HARM_LEVELS, SEVERITIES } from '../../domain/types.js';
import { CONTRIBUTING_FACTORS } from '../../domain/reviewDue.js';
import { declareIncident, type Declaration } from '../../incidents/declareIncident.js';
import { resolveIncident, type Resolution } from '../../incidents/resolveIncident.js';
import { VIEWS } from '../blocks/callbackIds.js';
import { PRIVATE_OPTION } from '../blocks/declareModal.js';
import { actorWithGroups } from '../interaction/actingUser.js';
import { fieldErrors, formErrorResponse, formFields, readPrivateMetadata } from '../interaction/modals.js';
import { readInteraction } from '../interaction/payloads.js';
import type { Listener } from './listener.js';

/** The declare form's fields (see declareModal), with the messages shown next to each. */
const declareFormSchema = z
  .object({
    title: z.string({ error: 'Give the incident a title.' }).max(150, 'Keep the title under 150 characters.'),
    description: z.string().max(3000, 'Keep the description under 3,000 characters.').optional(),
    severity: z.enum(SEVERITIES, { error: 'Choose a severity.' }),
    category: z.enum(CATEGORIES, { error: 'Choose a category.' }),
    modelName: z.string().max(100, 'Keep the model name under 100 characters.').optional(),
    modelVersion: z.string().max(100, 'Keep the version under 100 characters.').optional(),
    customerImpact: z.enum(['yes', 'no']).optional(),
    isPrivate: z.array(z.string()).optional(),
  })
  // Checked even when other fields are wrong, so the person sees every problem at once.
  .refine((form) => !form.modelVersion || form.modelName, { path: ['modelVersion'], message: 'Name the model this version belongs to.', when: () => true });

function declarationFrom(form: z.infer<typeof declareFormSchema>): Omit<Declaration, 'actor' | 'origin'> {
  return {
    title: form.title,
    ...(form.description ? { description: form.description } : {}),
    severity: form.severity,
    category: form.category,
    ...(form.modelName ? { model: { name: form.modelName, ...(form.modelVersion ? { version: form.modelVersion } : {}) } } : {}),
    ...(form.customerImpact ? { customerImpact: form.customerImpact === 'yes' } : {}),
    isPrivate: (form.isPrivate ?? []).includes(PRIVATE_OPTION),
  };
}

const declareMetadata = z.object({ channelId: z.string().min(1) });

/** The resolve form's fields (see resolveModal), with the messages shown next to each. */
const resolveFormSchema = z.object({
  summary: z.string({ error: 'Say in a sentence what resolved it.' }).max(3000, 'Keep it under 3,000 characters.'),
  rootCause: z.string().max(3000, 'Keep it under 3,000 characters.').optional(),
  modelRolledBack: z.enum(['yes', 'no'], { error: 'Say whether the model was rolled back.' }),
  /** Unix seconds, as Slack's datetimepicker sends them. */
  customerImpactEndedAt: z.number().int().positive().optional(),
  impactStartedAt: z.number().int().positive().optional(),
  harmLevel: z.enum(HARM_LEVELS).optional(),
  contributingFactors: z.array(z.enum(CONTRIBUTING_FACTORS)).optional(),
});

function resolutionFrom(form: z.infer<typeof resolveFormSchema>): Resolution {
  return {
    summary: form.summary,
    ...(form.rootCause ? { rootCause: form.rootCause } : {}),
    modelRolledBack: form.modelRolledBack === 'yes',
    ...(form.customerImpactEndedAt ? { customerImpactEndedAt: new Date(form.customerImpactEndedAt * 1000) } : {}),
    ...(form.impactStartedAt ? { impactStartedAt: new Date(form.impactStartedAt * 1000) } : {}),
    ...(form.harmLevel ? { harmLevel: form.harmLevel } : {}),
    ...(form.contributingFactors?.length ? { contributingFactors: form.contributingFactors } : {}),
  };
}

const resolveMetadata = z.object({ incidentId: z.number().int().positive(), channelId: z.string().optional() });

export const VIEW_LISTENERS: readonly Listener[] = [
  {
    /**
     * The declare form: open the incident as a webhook would. The one Slack call before the ack
     * (user groups, for SEV1 only) is bounded well inside Slack's 3 s (GROUP_LOOKUP_BUDGET_MS);
     * the confirmation follows through the outbox, once the channel exists.
     */
    kind: 'view',
    callbackId: VIEWS.declare,
    handle: async ({ ack, body, view, client }, deps) => {
      const who = readInteraction(body, deps.logger);
      if (!who) {
        await ack();
        return;
      }
      const form = declareFormSchema.safeParse(formFields(view.state?.values));
      if (!form.success) {
        await ack(fieldErrors(form.error));
        return;
      }
      const userId = who.userId;
      const origin = readPrivateMetadata(declareMetadata, view.private_metadata)?.channelId ?? userId;
      try {
        // User groups matter only for the one guarded choice on this form.
        const actor = form.data.severity === 'SEV1' ? await actorWithGroups(client, deps.ctx.policy, 'declareSev1', userId, deps.logger) : { userId };
        declareIncident(deps.ctx, { ...declarationFrom(form.data), actor, origin });
      } catch (error) {
        await ack(formErrorResponse(error, 'title', deps.logger));
        return;
      }
      await ack();
    },
  },
  {
    /**
     * The resolve form: resolve, and close the form; the channel hears it from the outbox. The
     * one Slack call before the ack (user groups, when the policy names some) is bounded well
     * inside Slack's 3 s.
     */
    kind: 'view',
    callbackId: VIEWS.resolve,
    handle: async ({ ack, body, view, client }, deps) => {
      const who = readInteraction(body, deps.logger);
      if (!who) {
        await ack();
        return;
      }
      const form = resolveFormSchema.safeParse(formFields(view.state?.values));
      if (!form.success) {
        await ack(fieldErrors(form.error));
        return;
      }
      const metadata = readPrivateMetadata(resolveMetadata, view.private_metadata);
      if (!metadata) {
        await ack({ response_action: 'errors', errors: { summary: 'This form lost track of its incident; close it and press Resolve again.' } });
        return;
      }
      try {
        const actor = await actorWithGroups(client, deps.ctx.policy, 'resolve', who.userId, deps.logger);
        resolveIncident(deps.ctx, { incidentId: metadata.incidentId, actor, resolution: resolutionFrom(form.data) });
      } catch (error) {
        await ack(formErrorResponse(error, 'summary', deps.logger));
        return;
      }
      await ack();
    },
  },
];
