import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { PEOPLE } from '../support/testPolicy.js';
import { checks, lastModal, messageShortcut, multi, postInChannel, radio, select, submitView, text } from '../support/surfacePayloads.js';
import { postUpdate, startWithUpdateChannels, updateForm } from '../support/updates.js';

// A scripted incident, driven over HTTP with a moved clock, and its review checked against the
// script: every section in order, every number from the times the script set.

const MINUTE = 60_000;

/** The sections of a review, in the order the issue names them. */
const SECTIONS = [
  'Summary',
  'Impact',
  'Timeline',
  'Lead-up and trigger',
  'Contributing factors',
  'Mitigators',
  'Detection',
  'Response',
  'What went well',
  'What went poorly',
  'Where we got lucky',
  'Action items',
  'Messaging',
  'AI specifics',
  'Metrics',
  'Appendix: every event',
];

const section = (markdown: string, title: string): string => {
  const start = markdown.indexOf(`## ${title}\n`);
  if (start < 0) throw new Error(`no section ${title}`);
  const next = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, next < 0 ? undefined : next);
};

async function reviewFile(h: Harness, incidentId: number, version: number) {
  const name = `INC-${incidentId}-review-v${version}.md`;
  return h.emulator.waitFor(() => h.emulator.files().find((f) => f.filename === name));
}

describe('the post-incident review of a scripted incident', () => {
  let h: Harness;
  let channel: string;
  let declaredAt: Date;
  let markdown: string;

  beforeAll(async () => {
    h = await startWithUpdateChannels();
    declaredAt = h.clock.now();
    // Impact started 20 minutes before the alert arrived; the detector sent its samples.
    const res = await h.webhook('detector', {
      ...DETECTOR_ALERT,
      severity: 'SEV2',
      title: 'PSI on feature age is 0.31',
      startedAt: new Date(declaredAt.getTime() - 20 * MINUTE).toISOString(),
      observedAt: declaredAt.toISOString(),
      labels: { team: 'risk', data_snapshot: 'snap-2026-11-20', previous_model_version: '2026-10-20' },
      samples: { feature: 'age', reference: [30, 31, 32, 33, 34, 35, 36, 37, 38, 39], current: [40, 41, 42, 43, 44, 45, 46, 47, 48, 49] },
    });
    expect(res.status).toBe(202);
    await h.settle();
    channel = h.incidentChannel(1)!.id;

    await h.advance(4 * MINUTE);
    await h.type('ack', { user: PEOPLE.mlPrimary, channel });
    await h.advance(2 * MINUTE);
    await h.type('severity SEV1 every score since 16:00 is off', { channel });
    await h.type(`role commander <@${PEOPLE.lead}>`, { channel });
    // SEV1's first update was due 5 minutes after declaration; this one comes at +8 minutes.
    await h.advance(2 * MINUTE);
    await postUpdate(h, 1, 'executive', updateForm('executive', { usersAffected: text('Every card payment scored since 16:00') }));
    const ts = await postInChannel(h, channel, 'Found it: the 15:40 feature-store deploy changed age bucketing');
    await messageShortcut(h, 'star_for_review', { channel, ts, text: 'Found it: the 15:40 feature-store deploy changed age bucketing', author: PEOPLE.mlPrimary });
    await h.advance(22 * MINUTE);
    await h.type('state mitigated rolled back the feature store', { channel });
    await h.advance(15 * MINUTE);
    await h.click(h.channelMessages(1)[0]!, 'incident:resolve');
    await h.settle();
    await submitView(h, lastModal(h), {
      summary: text('Rolled the feature store back; scores match the shadow model again'),
      rootCause: text('Age bucketing changed without a schema version bump'),
      modelRolledBack: radio('no'),
      harmLevel: radio('event'),
      contributingFactors: multi('deployment', 'monitoring gap'),
    });
    await h.settle();
    await h.type(`action Version the age bucketing schema <@${PEOPLE.mlPrimary}> 2026-12-01`, { channel });
    expect(await h.type('review', { channel })).toContain('INC-1-review-v1.md');
    markdown = (await reviewFile(h, 1, 1)).content;
  });
  afterAll(async () => {
    await h.close();
  });

  it('has every section, in order, and the header of the incident', () => {
    let at = 0;
    for (const title of SECTIONS) {
      const found = markdown.indexOf(`\n## ${title}\n`, at);
      expect(found, title).toBeGreaterThan(at);
      at = found;
    }
    expect(markdown).toMatch(/^# INC-1 post-incident review: PSI on feature age is 0\.31/);
    expect(markdown).toContain('| Severity | SEV1 |');
    expect(markdown).toContain(`| Commander | @${PEOPLE.lead} |`);
    expect(markdown).toContain('| Harm | event |');
    // Resolved on Sunday 22 Nov 16:46 UTC: five business days later is Friday 27 Nov.
    expect(markdown).toContain('| Review due | 2026-11-27 16:46 UTC |');
    expect(markdown).toContain('| Version | v1,');
  });

  it('measures every number from the script, with its definition', () => {
    const metrics = section(markdown, 'Metrics');
    expect(metrics).toContain('| TTD (Time to detect) | 20m | detected − impact started |');
    expect(metrics).toContain('| TTA (Time to acknowledge) | 4m | first acknowledged − declared |');
    expect(metrics).toContain('| TTM (Time to mitigate) | 50m | first mitigated − impact started |');
    expect(metrics).toContain('| TTR (Time to resolve) | 1h 5m | last resolved − impact started |');
    expect(section(markdown, 'Impact')).toContain('**Duration:** 1h 5m');
    expect(section(markdown, 'Impact')).toContain('Every card payment scored since 16:00');
  });

  it('says what the record knows: timeline with the starred message, response, cadence, factors, actions, messaging', () => {
    const timeline = section(markdown, 'Timeline');
    expect(timeline).toContain('**2026-11-22 15:41 UTC** Impact started 2026-11-22 15:41 UTC (earliest alert)');
    expect(timeline).toContain('feature-store deploy changed age bucketing');
    expect(timeline).toContain('Severity SEV2 → SEV1');
    expect(section(markdown, 'Appendix: every event')).toContain('★');

    const response = section(markdown, 'Response');
    expect(response).toContain(`@${PEOPLE.mlPrimary}`);
    expect(response).toContain('time to acknowledge: 4m');
    expect(response).toContain('first update due by 16:06');
    expect(response).toMatch(/\*\*Cadence kept:\*\* no/);

    const factors = section(markdown, 'Contributing factors');
    expect(factors).toContain('Age bucketing changed without a schema version bump');
    expect(factors).toContain('deployment, monitoring gap');
    expect(factors).toContain('_What directly caused the failure?_');

    expect(section(markdown, 'Mitigators')).toContain('rolled back the feature store');
    expect(section(markdown, 'Detection')).toContain('detector evidently');
    expect(section(markdown, 'Action items')).toContain(`| Version the age bucketing schema | @${PEOPLE.mlPrimary} | 2026-12-01 | open |`);
    expect(section(markdown, 'Messaging')).toContain('executive update (investigating, major impact)');
    expect(section(markdown, 'What went well')).toContain('_What worked and should be kept?_');
  });

  it('has the AI specifics: model and versions, signal against threshold, data snapshot, distribution shift', () => {
    const ai = section(markdown, 'AI specifics');
    expect(ai).toContain('**Model:** fraud-detector');
    expect(ai).toContain('**Version:** 2026-11-02 (before it: 2026-10-20)');
    expect(ai).toContain('**Harm level:** event');
    expect(ai).toContain('data\\_snapshot: snap-2026-11-20');
    expect(ai).toContain('psi 0.31 (threshold 0.25)');
    expect(ai).toContain('age: reference n=10, mean 34.500; incident window n=10, mean 44.500');
    expect(ai).toContain('KS D=1.000');
  });

  it('regenerates as v2 after an edit, saying what changed', async () => {
    await h.type('impact-start 2026-11-22T15:31Z the deploy went out at 15:31', { channel });
    await h.type('review', { channel });
    const v2 = await reviewFile(h, 1, 2);
    expect(v2.title).toBe('INC-1 post-incident review v2');
    expect(v2.content).toContain('| TTD (Time to detect) | 30m |');
    expect(v2.content).toContain('**Changed since the previous version:**');
    expect(v2.content).toContain('- Metrics changed');
    const rows = h.vigil.store.sqlite.prepare('select version from reviews where incident_id = 1 order by version').all();
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('starring one of Vigil\'s messages stars the change it announced, and the next version shows it', async () => {
    const notice = h.channelMessages(1).find((m) => (m.text ?? '').includes('Commander') && (m.text ?? '').includes(PEOPLE.lead))!;
    expect(notice).toBeDefined();
    const starred = await messageShortcut(h, 'star_for_review', { channel, ts: notice.ts, text: notice.text ?? '', author: 'UVIGILBOT' });
    expect(starred.status).toBe(200);
    await h.settle();
    expect(JSON.stringify(h.emulator.responses.at(-1)?.body)).toContain('Starred for the INC-1 review');
    await h.type('review', { channel });
    const v3 = await reviewFile(h, 1, 3);
    expect(section(v3.content, 'Timeline')).toContain(`Commander: @${PEOPLE.lead}`);
    expect(v3.content).toContain('- Timeline changed');
  });

  it('reminds the commander before the review is due and when overdue, until it is marked done', async () => {
    const reminders = () => h.channelMessages(1).filter((m) => (m.text ?? '').includes('post-incident review of INC-1'));
    await h.advance(3 * 24 * 60 * MINUTE);
    expect(reminders()).toHaveLength(0);
    await h.advance(24 * 60 * MINUTE + 30 * MINUTE);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toContain(`<@${PEOPLE.lead}>`);
    await h.advance(2 * 24 * 60 * MINUTE);
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toContain('overdue');
    await h.type('review done', { channel });
    await h.advance(2 * 24 * 60 * MINUTE);
    expect(reminders()).toHaveLength(2);
  });
});

describe('a review with little on record', () => {
  it('says "not recorded" for a missing time, never 0, and prompts for what nobody wrote', async () => {
    const h = await Harness.start();
    try {
      await h.command('declare Chatbot gives refunds it should not');
      await h.settle();
      await submitView(h, lastModal(h), { title: text('Chatbot gives refunds it should not'), severity: select('SEV3'), category: select('safety'), isPrivate: checks() });
      await h.settle();
      const channel = h.incidentChannel(1)!.id;
      await h.type('review', { channel });
      const markdown = (await reviewFile(h, 1, 1)).content;
      expect(markdown).toContain('| TTD (Time to detect) | not recorded (no impact started time) |');
      expect(markdown).toContain('| TTR (Time to resolve) | not recorded (no impact started or resolved time) |');
      expect(markdown).not.toMatch(/\| 0s \|/);
      expect(markdown).toContain('_Why was that possible? Ask "why" until the answer is a system or a practice._');
      expect(markdown).toContain('_Write two or three sentences');
      expect(markdown).toContain('| Review due | _no review due for this severity_ |');
    } finally {
      await h.close();
    }
  });
});
