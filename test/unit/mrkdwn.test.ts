import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mrkdwnLink, truncate, userMention } from '../../src/slack/format/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here|here>', '&lt;!here|here&gt;'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['<https://evil.example|https://bank.example>', '&lt;https://evil.example|https://bank.example&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt;!channel&gt;', '&amp;lt;!channel&amp;gt;'],
    ['plain *bold* text', 'plain *bold* text'],
  ])('%s', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('leaves no raw angle brackets', () => {
    expect(escapeMrkdwn('<<<>>>')).not.toMatch(/[<>]/);
  });
});

describe('mrkdwnLink', () => {
  it('links http(s) URLs', () => {
    expect(mrkdwnLink('https://grafana.example/d/abc?x=1', 'Dashboard')).toBe('<https://grafana.example/d/abc?x=1|Dashboard>');
    expect(mrkdwnLink('http://runbooks.internal/a', 'Runbook')).toBe('<http://runbooks.internal/a|Runbook>');
  });

  it('escapes the label so it cannot mention or disguise', () => {
    expect(mrkdwnLink('https://ok.example', '<!channel>')).toBe('<https://ok.example/|&lt;!channel&gt;>');
    const disguised = mrkdwnLink('https://evil.example', '<https://bank.example|https://bank.example>');
    expect(disguised.startsWith('<https://evil.example/|')).toBe(true);
    expect(disguised.slice(1, -1)).not.toMatch(/[<>]/);
    expect(disguised.split('|')).toHaveLength(2);
  });

  it('percent-encodes characters that would close the link', () => {
    const link = mrkdwnLink('https://x.example/a|b?q=<!channel>', 'x');
    expect(link).toBe('<https://x.example/a%7Cb?q=%3C!channel%3E|x>');
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'slack://open?team=T1', 'file:///etc/passwd', 'not a url', ''])(
    'never links %s',
    (url) => {
      expect(mrkdwnLink(url, 'click <me>')).toBe('click &lt;me&gt;');
    },
  );

  it('uses the URL as text when the label is empty', () => {
    expect(mrkdwnLink('https://x.example/', '')).toBe('<https://x.example/>');
  });
});

describe('userMention', () => {
  it('mentions real user ids', () => {
    expect(userMention('U123')).toBe('<@U123>');
    expect(userMention('W0ABCDEF')).toBe('<@W0ABCDEF>');
  });

  it.each(['!channel', 'u123', 'U1', 'U123> <!here', 'C123', ''])('escapes %s', (id) => {
    const out = userMention(id);
    expect(out).not.toContain('<');
    expect(out).toBe(escapeMrkdwn(id));
  });
});

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('hello', 5)).toBe('hello');
  });

  it('cuts with an ellipsis within the limit', () => {
    const out = truncate('abcdefghij', 5);
    expect(out).toBe('abcd…');
    expect(out.length).toBe(5);
    expect(truncate('abcdef', 1)).toBe('…');
    expect(truncate('abcdef', 0)).toBe('');
  });

  it('does not split a surrogate pair', () => {
    const out = truncate('ab🔥cd', 4);
    expect(out).toBe('ab…');
    // A lone high surrogate would not survive a UTF-8 round trip.
    expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
  });

  it('does not leave half an entity or half a link', () => {
    expect(truncate(escapeMrkdwn('a & b & c'), 8)).toBe('a &amp;…');
    expect(truncate(escapeMrkdwn('a & b & c'), 7)).toBe('a …');
    expect(truncate(`see ${mrkdwnLink('https://x.example/long/path', 'dash')} now`, 12)).toBe('see …');
  });

  it('handles Block Kit sized limits', () => {
    const out = truncate('x'.repeat(5000), 3000);
    expect(out.length).toBe(3000);
    expect(out.endsWith('…')).toBe(true);
  });
});
