import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { VigilError } from '../../shared/errors.js';
import { slackErrorCode } from '../delivery/slackErrors.js';

/**
 * Open a form now, inside the request that carries the trigger: a trigger lasts 3 seconds, so
 * this is a direct call and not an outbox effect. An expired trigger becomes words for the person.
 */
export async function openModal(client: WebClient, triggerId: string, view: ModalView): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    if (slackErrorCode(error) === 'expired_trigger_id') {
      throw new VigilError('conflict', 'Slack gave up waiting to open the form (it allows 3 seconds). Please try again.');
    }
    throw error;
  }
}
