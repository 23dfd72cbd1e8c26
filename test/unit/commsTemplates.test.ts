import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/comms/loadTemplates.js';
import { UPDATE_TEMPLATE_KEYS, templateFileName, type TemplateForm, type TemplateMoment } from '../../src/comms/templateNames.js';
import type { StatusPageData } from '../../src/comms/statusPage.js';
import { AUDIENCES, type Audience } from '../../src/domain/stakeholderUpdates.js';
import { at, data, hostile, RESPONDERS } from './commsFixtures.js';

const templates = loadTemplates();
const render = (moment: TemplateMoment, audience: Audience, form: TemplateForm, d = data(moment, audience)): string =>
  templates.render(moment, audience, form, d);

const each = UPDATE_TEMPLATE_KEYS.map((key) => ({ ...key, name: templateFileName(key.moment, key.audience, key.form) }));

describe('every template renders what its reader needs', () => {
  it.each(each)('$name', ({ moment, audience, form }) => {
    const text = render(moment, audience, form);
    expect(text).toContain('Churn risk scores less accurate than usual');
    expect(text).toContain('Some at-risk customers are not flagged for retention outreach');
    expect(text).not.toMatch(/\n{3,}/);
    if (moment === 'initial' || moment === 'update') {
      // The promise of the next update, in the reader's zone, and what we are doing about it.
      expect(text).toMatch(/Next update:?\*{0,2} by 15:00 UTC/);
      expect(text).toContain('Rolling back to the previous model version');
      expect(text).toContain('Use the list exported on 2 March');
      expect(text).toContain('Do not send outreach lists made today');
    }
    if (moment === 'resolution') {
      expect(text).toContain('No data was lost; some outreach lists were incomplete');
      expect(text).toContain('1 h 25 min');
      expect(text).toMatch(/review/);
      expect(text).not.toMatch(/Next update/);
    }
    if (moment === 'report') expect(text).toContain('1 h 25 min');
    if (audience === 'executive' && moment !== 'report') expect(text).toContain('Retention campaigns may miss customers about to leave');
    if (form === 'slack') expect(text).not.toMatch(/^#/m);
  });

  it('an update says what changed since the previous one', () => {
    expect(render('update', 'client', 'slack')).toContain('moved from Investigating to Identified');
    expect(render('update', 'internal', 'markdown')).toContain('Investigating → Identified');
  });

  it('internal updates show models, signals in business terms, mitigation and roles as mentions', () => {
    const text = render('initial', 'internal', 'slack');
    expect(text).toContain('churn-predictor @ 2026-03-01');
    expect(text).toContain('accuracy 62% (threshold 85%)');
    expect(text).toContain('psi 0.31 (threshold 0.25)');
    expect(text).toContain('Scope the blast radius');
    // A checklist item ticked then unticked was not done.
    expect(text).not.toContain('Page the data team');
    expect(text).toContain('Commander <@U0ALICE>');
    expect(render('initial', 'internal', 'markdown')).toContain('**Commander:** U0ALICE');
  });

  it('the internal report has the whole timeline, signals, roles, root cause and the updates posted', () => {
    const text = render('report', 'internal', 'markdown');
    for (const words of [
      'Incident 42 declared',
      'Acknowledged by U0ALICE',
      'Commander: U0ALICE (took the role)',
      'Message from U0BOB kept (pin): @U0ALICE rollback ready',
      'Status investigating → mitigated',
      'Resolved by U0ALICE',
      'accuracy 62% (threshold 85%)',
      '## Root cause',
      'A data feed the model uses stopped updating',
      '## Updates posted',
      'churn-predictor @ 2026-03-01 (rolled back)',
    ]) {
      expect(text).toContain(words);
    }
  });

  it('times are said in the audience time zone', () => {
    const text = render('initial', 'client', 'slack', data('initial', 'client', undefined, { timeZone: 'America/New_York' }));
    expect(text).toContain('began at about 09:05 EST');
    expect(text).toContain('by 10:00 EST');
  });

  it('without a promised time, the next update is still mentioned', () => {
    const d = data('initial', 'client');
    delete d.update.nextUpdateAt;
    expect(render('initial', 'client', 'slack', d)).toContain('*Next update:* as soon as we know more.');
  });
});

describe('client templates never show responders or internal facts', () => {
  const internal = [...Object.values(RESPONDERS), 'INC-42', 'churn-predictor', '62%', '0.62', 'threshold', 'psi', 'accuracy_drop', 'db-prod-7', 'SEV2', 'Stale feature table'];
  it.each(each.filter((key) => key.audience === 'client'))('$name', ({ moment, audience, form }) => {
    const text = render(moment, audience, form);
    for (const word of internal) expect(text).not.toContain(word);
  });

  it('a report to clients lists only the updates clients were sent', () => {
    const d = data('report', 'client', undefined, {
      previous: [
        { ...data('initial', 'client').update, postedAt: at('14:15'), fields: { headline: 'h', userImpact: 'client words', actions: 'a' } },
        { ...data('initial', 'internal').update, audience: 'internal', postedAt: at('14:16'), fields: { headline: 'h', userImpact: 'internal words', actions: 'a' } },
      ],
    });
    const text = render('report', 'client', 'markdown', d);
    expect(text).toContain('client words');
    expect(text).not.toContain('internal words');
  });
});

describe('hostile values are inert on every surface', () => {
  const legitimateMentions = /<@U0(?:ALICE|BOB|CAROL)>/g;

  it.each(each)('$name', ({ moment, audience, form }) => {
    const d = data(moment, audience, hostile, { roles: { ...RESPONDERS, scribe: 'U1> <!here' } });
    const text = render(moment, audience, form, d);
    // Template syntax inside a value is text, never evaluated.
    expect(text).toContain('{{x}}');
    if (form === 'slack') {
      // Nothing opens a Slack control sequence but the mentions of real responders.
      expect(text.replace(legitimateMentions, '')).not.toContain('<');
      expect(text).toContain('&lt;!channel&gt;');
      expect(text).toContain('&lt;@U123&gt;');
      expect(text).toContain('&lt;script&gt;');
      expect(text).toContain('&amp;lt;');
      expect(text).not.toContain('<!here');
    } else {
      expect(text).not.toContain('<');
      expect(text).toContain('\\[click\\](https://evil)');
      expect(text).not.toMatch(/(?<!\\)\[click(?<!\\)\]\(/);
      expect(text).toContain('&lt;script&gt;');
      expect(text).toContain('&amp;lt;');
      expect(text).not.toMatch(/^\s*#+ pwned/m);
    }
  });
});

describe('status page', () => {
  const page = (over: Partial<StatusPageData> = {}): StatusPageData => ({
    title: 'Acme ML status',
    generatedAt: at('14:40'),
    timeZone: 'Europe/Paris',
    open: [
      {
        headline: 'Churn risk scores less accurate',
        components: ['Churn risk scores'],
        state: 'identified',
        impact: 'critical',
        startedAt: at('14:05'),
        updates: [
          { postedAt: at('14:30'), state: 'identified', impact: 'critical', fields: { userImpact: 'Second words', actions: 'Rolling back', workaround: 'Use the 2 March list' }, nextUpdateAt: at('15:00') },
          { postedAt: at('14:15'), state: 'investigating', impact: 'major', fields: { userImpact: 'First words', actions: 'Looking' }, nextUpdateAt: at('14:45') },
        ],
      },
    ],
    resolved: [
      {
        headline: 'Slow search',
        components: ['Search'],
        state: 'resolved',
        impact: 'minor',
        startedAt: at('09:00'),
        resolvedAt: at('09:40'),
        updates: [{ postedAt: at('09:40'), state: 'resolved', impact: 'minor', fields: { userImpact: 'Search was slow', actions: 'Fixed', dataImpact: 'None' } }],
      },
    ],
    ...over,
  });

  it('shows each open incident with its impact, state, components and updates newest first, in the page zone', () => {
    const html = templates.renderStatusPage(page());
    expect(html).toContain('<meta name="viewport"');
    expect(html).not.toContain('<script');
    expect(html).toContain('banner impact-critical');
    expect(html).toContain('Critical impact');
    expect(html).toContain('Identified');
    expect(html).toContain('Affected: Churn risk scores');
    expect(html.indexOf('Second words')).toBeLessThan(html.indexOf('First words'));
    expect(html).toContain('Use the 2 March list');
    expect(html).toContain('Next update by 16:00 CET');
    expect(html).toContain('Slow search');
    expect(html).not.toContain('All systems operational');
  });

  it('says all systems are operational when nothing is open', () => {
    const html = templates.renderStatusPage(page({ open: [], resolved: [] }));
    expect(html).toContain('All systems operational');
    expect(html).toContain('No incidents in the last 14 days');
  });

  it('never shows a field that is not client-facing, even when given one', () => {
    const leaky = page();
    leaky.open[0]!.updates[0]!.fields = { ...leaky.open[0]!.updates[0]!.fields, rootCause: 'db-prod-7 died', businessImpact: 'lost $1M' } as never;
    const html = templates.renderStatusPage(leaky);
    expect(html).not.toContain('db-prod-7');
    expect(html).not.toContain('$1M');
  });

  it('escapes hostile values as HTML', () => {
    const bad = page({ title: `Status${' <script>alert(1)</script> {{x}}'}` });
    const incident = bad.open[0]!;
    incident.headline = hostile('Headline');
    incident.components = [hostile('Component')];
    incident.updates[0]!.fields = { userImpact: hostile('impact'), actions: hostile('actions'), workaround: hostile('w'), actionRequired: hostile('a'), dataImpact: hostile('d') };
    const html = templates.renderStatusPage(bad);
    expect(html).not.toMatch(/<script>/);
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<!channel>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('{{x}}');
    expect(html).toContain('&amp;lt;');
  });
});

describe('every audience has every template', () => {
  it('renders all 24 with the least data a template can get', () => {
    for (const { moment, audience, form } of each) {
      const d = data(moment, audience, undefined, { timeline: [], roles: {}, previous: [] });
      d.update.fields = { headline: 'H', userImpact: 'U', actions: 'A', ...(moment === 'resolution' ? { dataImpact: 'None' } : {}) };
      expect(render(moment, audience, form, d)).toContain('U');
    }
    expect(AUDIENCES).toHaveLength(3);
  });
});
