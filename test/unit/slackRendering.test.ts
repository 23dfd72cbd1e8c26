import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../src/incidents/describeEvent.js';
import type { TimelineEvent } from '../../src/incidents/timeline.js';
import { VigilError } from '../../src/shared/errors.js';
import { createLogger } from '../../src/shared/logger.js';
import { eventMrkdwn, eventPlainText } from '../../src/slack/blocks/timelineText.js';
import { errorReply } from '../../src/slack/replies.js';

// The Slack renderings of surface-neutral facts: timeline events and use-case errors.

const AT = new Date('2026-11-22T10:00:00Z');
const event = (e: Pick<TimelineEvent, 'kind' | 'actor' | 'data'>): TimelineEvent => ({ id: 1, incidentId: 7, at: AT, ...e }) as TimelineEvent;

describe('timeline events on Slack', () => {
  const hostile = '<!channel> ping <@U0ALICE> <https://evil|bank> & co';

  it('an alert title is quoted inert: it can never become a mention, a broadcast or a link', () => {
    const attached = event({ kind: 'alert.attached', actor: 'prometheus', data: { alertId: 1, dedupKey: 'k', title: hostile } });
    expect(describeEvent(attached)).toEqual([{ type: 'text', text: 'Alert attached: ' }, { type: 'quote', text: hostile }]);
    expect(eventMrkdwn(attached)).toBe('Alert attached: &lt;!channel&gt; ping &lt;@U0ALICE&gt; &lt;https://evil|bank&gt; &amp; co');
    expect(eventPlainText(attached)).toBe(`Alert attached: ${hostile}`);
  });

  it('people are mentions, a paged user group is named without paging it again', () => {
    const page = event({
      kind: 'page.sent',
      actor: 'vigil',
      data: { step: 'L1', users: ['U0A', 'U0B'], usergroups: ['S0OPS'], target: 'primary on call for ml', reason: 'scheduled' },
    });
    expect(eventMrkdwn(page)).toBe('L1: paged <@U0A>, <@U0B>, @S0OPS (primary on call for ml)');
    expect(eventPlainText(page)).toBe('L1: paged @U0A, @U0B, @S0OPS (primary on call for ml)');
  });

  it('what a person typed keeps its mentions and loses its broadcasts', () => {
    const note = event({ kind: 'note.added', actor: 'U0A', data: { text: 'ask <@U0B> <!here> & go' } });
    expect(eventMrkdwn(note)).toBe('Note: ask <@U0B> &lt;!here&gt; &amp; go');
  });

  it('a long entry is cut in a message, never inside a mention', () => {
    const resolved = event({
      kind: 'incident.resolved',
      actor: 'U0A',
      data: { summary: `${'x'.repeat(400)}`, rootCause: null, modelRolledBack: false, customerImpactEndedAt: null, from: 'mitigated', sinceDeclaredMs: 1 },
    });
    const shown = eventMrkdwn(resolved);
    expect(shown.length).toBeLessThanOrEqual(300);
    expect(shown.startsWith('Resolved by <@U0A>: xxx')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
  });
});

describe('use-case errors on Slack', () => {
  const logger = createLogger('error');

  it('names the command that helps and mentions people, while the error itself says neither', () => {
    const held = new VigilError('conflict', 'Someone else already holds the Commander role; to take over, assign it to yourself.', undefined, {
      reason: 'role_held',
      role: 'commander',
      roleTitle: 'Commander',
      holder: 'U0LEAD',
    });
    expect(held.message).not.toMatch(/<@|\/incident/);
    expect(errorReply(held, logger)).toBe('<@U0LEAD> already holds the Commander role. To take over, type `/incident role commander @you`.');
    expect(errorReply(new VigilError('invalid_transition', 'Incident 3 is resolved; reopen it first.', undefined, { reason: 'reopen_first', incidentId: 3 }), logger)).toBe(
      'Incident 3 is resolved; `/incident reopen` it first.',
    );
    expect(errorReply(new VigilError('conflict', 'Incident 3 is already resolved.', undefined, { reason: 'already_resolved', incidentId: 3, resolvedBy: 'U0A' }), logger)).toBe(
      'Incident 3 is already resolved by <@U0A>.',
    );
  });

  it('an error without facts is its message', () => {
    expect(errorReply(new VigilError('not_found', 'There is no incident 9.'), logger)).toBe('There is no incident 9.');
  });
});
