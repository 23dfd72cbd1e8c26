import type { App } from '@slack/bolt';
import { z } from 'zod';
import { declareIncident } from '../../../incidents/declareIncident.js';
import { VIEWS } from '../../blocks/callbackIds.js';
import { actorWithGroups } from '../../commands/actorWithGroups.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { declarationFrom, declareFormSchema } from './declareForm.js';
import { fieldErrors, formFields } from './formFields.js';
import { formErrorResponse } from './formErrorResponse.js';
import { readPrivateMetadata } from './privateMetadata.js';
import { readInteraction } from '../interaction.js';

const metadataSchema = z.object({ channelId: z.string().min(1) });

/**
 * The declare form submitted: validate next to each field, open the incident as a webhook
 * would, and close the form. The answer is the ack itself, so a refusal shows in the form; the
 * one Slack call before it (user groups, for SEV1 only) is bounded well inside Slack's 3 s
 * (GROUP_LOOKUP_BUDGET_MS), and everything else Slack must see goes through the outbox.
 */
export function registerDeclareSubmission(app: App, deps: ListenerDeps): void {
  app.view({ callback_id: VIEWS.declare, type: 'view_submission' }, async ({ ack, body, view, client }) => {
    const who = readInteraction(body, deps.logger);
    if (!who) {
      await ack();
      return;
    }
    const form = declareFormSchema.safeParse(formFields(view.state?.values));
    if (!form.success) {
      await ack({ response_action: 'errors', errors: fieldErrors(form.error) });
      return;
    }
    const userId = who.userId;
    const origin = readPrivateMetadata(metadataSchema, view.private_metadata)?.channelId ?? userId;
    try {
      // User groups matter only for the one guarded choice on this form.
      const actor = form.data.severity === 'SEV1' ? await actorWithGroups(client, deps.ctx.policy, 'declareSev1', userId, deps.logger) : { userId };
      declareIncident(deps.ctx, { ...declarationFrom(form.data), actor, origin });
    } catch (error) {
      await ack(formErrorResponse(error, 'title', deps.logger));
      return;
    }
    // The confirmation follows through the outbox, once the channel exists.
    await ack();
  });
}
