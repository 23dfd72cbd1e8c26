import { describe, expect, it } from 'vitest';
import { durationWords } from '../../src/comms/durationWords.js';
import { escapeDeep, escapeHtml, escapeMarkdown, escapeMrkdwn, rawOf } from '../../src/comms/escape.js';
import { typedAsPlain } from '../../src/comms/eventText.js';
import { metricChangeWords } from '../../src/comms/metricWords.js';
import { dateTimeWords, timeWords } from '../../src/comms/timeWords.js';
import { impactWord, listWords, stateWord } from '../../src/comms/words.js';

describe('durationWords', () => {
  it.each([
    [0, 'under 1 min'],
    [59_000, 'under 1 min'],
    [60_000, '1 min'],
    [25 * 60_000 + 59_000, '25 min'],
    [60 * 60_000, '1 h'],
    [85 * 60_000, '1 h 25 min'],
    [26 * 3_600_000, '1 day 2 h'],
    [3 * 86_400_000 + 59 * 60_000, '3 days'],
    [-5_000, 'under 1 min'],
  ])('%d ms -> %s', (ms, words) => expect(durationWords(ms)).toBe(words));
});

describe('times in the reader zone', () => {
  const at = new Date('2026-03-03T14:30:00Z');
  it.each([
    ['UTC', '14:30 UTC'],
    ['Europe/Paris', '15:30 CET'],
    ['America/New_York', '09:30 EST'],
    ['Asia/Kolkata', '20:00 GMT+5:30'],
    ['Not/AZone', '14:30 UTC'],
  ])('%s', (zone, words) => expect(timeWords(at, zone, at)).toBe(words));

  it('names the day when it is not today', () => {
    expect(timeWords(new Date('2026-03-04T08:00:00Z'), 'UTC', at)).toBe('Wed 4 Mar, 08:00 UTC');
    // 23:30 UTC is already tomorrow in Paris.
    expect(timeWords(new Date('2026-03-03T23:30:00Z'), 'Europe/Paris', at)).toBe('Wed 4 Mar, 00:30 CET');
    expect(dateTimeWords(at, 'Europe/Paris')).toBe('3 Mar 2026, 15:30 CET');
  });
});

describe('metricChangeWords', () => {
  it.each([
    [{ name: 'accuracy', value: 0.62, baseline: 0.85 }, 'accuracy 85% → 62%'],
    [{ name: 'accuracy', value: 0.62, threshold: 0.85 }, 'accuracy 62% (threshold 85%)'],
    [{ name: 'roc_auc', value: 0.715, baseline: 0.9, threshold: 0.8 }, 'roc auc 90% → 71.5% (threshold 80%)'],
    [{ name: 'mean-confidence', value: 0.41 }, 'mean confidence 41%'],
    [{ name: 'error_rate', value: 0.031, threshold: 0.01 }, 'error rate 3.1% (threshold 1%)'],
    [{ name: 'psi', value: 0.31, threshold: 0.25 }, 'psi 0.31 (threshold 0.25)'],
    [{ name: 'p95_latency_ms', value: 1234.5, baseline: 310 }, 'p95 latency ms 310 → 1,234.5'],
    // A "rate" that is not in [0, 1] is not a fraction: said as given.
    [{ name: 'request_rate', value: 1200 }, 'request rate 1,200'],
  ])('%j', (metric, words) => expect(metricChangeWords(metric)).toBe(words));
});

describe('words', () => {
  it('states, impacts and lists', () => {
    expect(stateWord('investigating')).toBe('Investigating');
    expect(stateWord('mitigated')).toBe('Mitigated');
    expect(impactWord('major')).toBe('Major impact');
    expect(impactWord('none')).toBe('No impact');
    expect(listWords([])).toBe('');
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b'])).toBe('a and b');
    expect(listWords(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });
});

describe('escaping per surface', () => {
  it('mrkdwn: & < > only, & first', () => {
    expect(escapeMrkdwn('<!channel> & &lt; *b*')).toBe('&lt;!channel&gt; &amp; &amp;lt; *b*');
  });

  it('markdown: no link, no emphasis, no heading or list at a line start, no raw HTML', () => {
    expect(escapeMarkdown('[click](https://evil)')).toBe('\\[click\\](https://evil)');
    expect(escapeMarkdown('*a* _b_ `c` ~d~ |e|')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\|e\\|');
    expect(escapeMarkdown('# h\n- item\n  + item\n1. first\n2) second\n===')).toBe('\\# h\n\\- item\n  \\+ item\n1\\. first\n2\\) second\n\\===');
    expect(escapeMarkdown('<script>&lt;\\')).toBe('&lt;script&gt;&amp;lt;\\\\');
    expect(escapeMarkdown('C# 1.5 - fine')).toBe('C# 1.5 - fine');
  });

  it('html: Handlebars escaping', () => {
    expect(escapeHtml('<a href="x">&\'')).toBe('&lt;a href&#x3D;&quot;x&quot;&gt;&amp;&#x27;');
  });

  it('escapeDeep escapes every string, keeps dates and numbers, and remembers originals', () => {
    const when = new Date();
    const value = { a: '<b>', list: ['<c>'], nested: { n: 1, d: when, t: true, u: undefined } };
    const escaped = escapeDeep(value, 'slack');
    expect(escaped).toEqual({ a: '&lt;b&gt;', list: ['&lt;c&gt;'], nested: { n: 1, d: when, t: true, u: undefined } });
    expect(rawOf(escaped.list)).toBe(value.list);
    expect(Object.keys(escaped)).toEqual(['a', 'list', 'nested']);
    expect(rawOf('x')).toBe('x');
  });

  it('typed Slack text reads as plain words', () => {
    expect(typedAsPlain('<@U0ALICE|alice> see <https://x.test|dash> &lt;b&gt; <!subteam^S1|@ml>')).toBe('@U0ALICE see dash <b> @S1');
  });
});
