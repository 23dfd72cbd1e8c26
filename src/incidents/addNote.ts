import { VigilError } from '../shared/errors.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { getIncident } from './queries.js';

/** Long enough for a paragraph, short enough to show whole in one Slack section. */
export const MAX_NOTE_LENGTH = 2500;

/**
 * A note on the timeline ("rolled back to v41, watching accuracy"), said in the channel too.
 * Allowed after resolution: what was learned later belongs in the record for the review.
 */
export function addNote(ctx: UseCaseContext, input: { incidentId: number; userId: string; text: string }): { at: Date } {
  const text = input.text.trim();
  if (text === '') throw new VigilError('invalid_input', 'A note needs some text.');
  if (text.length > MAX_NOTE_LENGTH) {
    throw new VigilError('invalid_input', `A note is at most ${MAX_NOTE_LENGTH} characters (this one has ${text.length}); split it in two.`);
  }
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    appendTimeline(tx, incident.id, now, { kind: 'note.added', actor: input.userId, data: { text } });
    enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'note_added', data: { by: input.userId, text } }, now);
    return { at: now };
  });
}
