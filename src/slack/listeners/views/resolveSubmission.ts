import type { App } from '@slack/bolt';
import { z } from 'zod';
import { resolveIncident } from '../../../incidents/resolveIncident.js';
import { VIEWS } from '../../blocks/callbackIds.js';
import { actorWithGroups } from '../../commands/actorWithGroups.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { fieldErrors, formFields } from './formFields.js';
import { formErrorResponse } from './formErrorResponse.js';
import { resolutionFrom, resolveFormSchema } from './resolveForm.js';
import { readPrivateMetadata } from './privateMetadata.js';
import { readInteraction } from '../interaction.js';

const metadataSchema = z.object({ incidentId: z.number().int().positive(), channelId: z.string().optional() });

/**
 * The resolve form submitted: validate, resolve, and close the form; the channel hears it from
 * the outbox. The answer is the ack itself, so a refusal shows in the form; the one Slack call
 * before it (user groups, when the policy names some) is bounded well inside Slack's 3 s.
 */
export function registerResolveSubmission(app: App, deps: ListenerDeps): void {
  app.view({ callback_id: VIEWS.resolve, type: 'view_submission' }, async ({ ack, body, view, client }) => {
    const who = readInteraction(body, deps.logger);
    if (!who) {
      await ack();
      return;
    }
    const form = resolveFormSchema.safeParse(formFields(view.state?.values));
    if (!form.success) {
      await ack({ response_action: 'errors', errors: fieldErrors(form.error) });
      return;
    }
    const metadata = readPrivateMetadata(metadataSchema, view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { summary: 'This form lost track of its incident; close it and press Resolve again.' } });
      return;
    }
    try {
      const { incidentId } = metadata;
      const actor = await actorWithGroups(client, deps.ctx.policy, 'resolve', who.userId, deps.logger);
      resolveIncident(deps.ctx, { incidentId, actor, resolution: resolutionFrom(form.data) });
    } catch (error) {
      await ack(formErrorResponse(error, 'summary', deps.logger));
      return;
    }
    await ack();
  });
}
