import { afterEach, describe, expect, it } from 'vitest';
import { Harness, fixture, messageText } from '../support/harness.js';
import { lastModal, radio, submitView, text } from '../support/surfacePayloads.js';
import { PEOPLE } from '../support/testPolicy.js';

// Once resolved, the channel says how and why where people look: the resolved notice, the pinned
// summary and /incident status, with what the resolver typed escaped (a person's words, mentions kept).

const HOSTILE = 'Rolled back <!channel> & <https://evil.example|https://bank.example> for <@U0MLPRIME>';

describe('a resolved incident shows its resolution', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function resolve(rootCause?: string) {
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    await h.click(h.channelMessages(1)[0]!, 'incident:resolve');
    await h.settle();
    await submitView(h, lastModal(h), { summary: text(HOSTILE), rootCause: text(rootCause ?? null), modelRolledBack: radio('yes') });
    await h.settle();
  }

  it('in the channel, on the pinned summary, and in /incident status (which says resolved and has no "next")', async () => {
    h = await Harness.start();
    await resolve('A feature table stopped updating on 2026-11-20');
    const channel = h.incidentChannel(1)!.id;

    const notice = h.channelMessages(1).find((m) => m.text.includes('Resolved by'))!;
    expect(notice.text).toContain('*Resolution* _(model rolled back)_');
    expect(notice.text).toContain('A feature table stopped updating on 2026-11-20');
    // Escaped: no @channel, no forged link; the mention still works.
    expect(notice.text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|https://bank.example&gt;');
    expect(notice.text).toContain('<@U0MLPRIME>');

    const pinned = messageText(h.channelMessages(1)[0]!);
    expect(pinned).toContain('incident-resolution');
    expect(pinned).toContain('A feature table stopped updating on 2026-11-20');
    expect(pinned).not.toContain('<!channel>');

    const status = await h.type('status', { channel, user: PEOPLE.lead });
    expect(status).toContain('*resolved*');
    expect(status).toMatch(/:white_check_mark: \*Resolved\* .* ago by <@U0RESPONDER>/);
    expect(status).toContain('*Root cause*\nA feature table stopped updating');
    expect(status).toMatch(/Checklist: \d+ of \d+ items done/);
    expect(status).not.toContain('Next:');
  });

  it('says the root cause is not recorded yet when the resolver left it empty', async () => {
    h = await Harness.start();
    await resolve();
    const notice = h.channelMessages(1).find((m) => m.text.includes('Resolved by'))!;
    expect(notice.text).toContain('*Root cause*\n_not recorded yet: add it in the review_');
  });
});
