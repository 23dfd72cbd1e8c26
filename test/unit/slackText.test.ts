import { describe, expect, it } from 'vitest';
import { escapeKeepingMentions, plainFromSlackText } from '../../src/slack/format/slackText.js';
import { typedAsPlain } from '../../src/comms/eventText.js';

describe('plainFromSlackText', () => {
  it.each([
    ['rolled back &amp; watching', 'rolled back & watching'],
    ['p95 &lt; 200ms &gt; before', 'p95 < 200ms > before'],
    ['typed &amp;lt; literally', 'typed &lt; literally'],
    ['ask <@U0ANA|ana> now', 'ask <@U0ANA> now'],
    ['ask <@U0ANA>', 'ask <@U0ANA>'],
    ['see <#C0123|fraud-team>', 'see #fraud-team'],
    ['see <#C0123>', 'see #C0123'],
    ['doc <https://x.example/a|the doc>', 'doc the doc (https://x.example/a)'],
    ['doc <https://x.example/a>', 'doc https://x.example/a'],
    ['hey <!channel>', 'hey @channel'],
    ['hey <!here|here>', 'hey here'],
    ['team <!subteam^S0ML|@ml-team>', 'team @ml-team'],
    ['  padded  ', 'padded'],
  ])('%s', (input, expected) => {
    expect(plainFromSlackText(input)).toBe(expected);
  });
});

describe('escapeKeepingMentions', () => {
  it('keeps user mentions and escapes everything else', () => {
    expect(escapeKeepingMentions('ask <@U0ANA> about <!channel> & <https://evil|bank>')).toBe(
      'ask <@U0ANA> about &lt;!channel&gt; &amp; &lt;https://evil|bank&gt;',
    );
  });

  it('a typed broadcast never comes back as one', () => {
    expect(escapeKeepingMentions(plainFromSlackText('&lt;!channel&gt; look'))).toBe('&lt;!channel&gt; look');
  });

  it('does not treat a forged mention with extra characters as one', () => {
    expect(escapeKeepingMentions('<@U1> <!here>')).not.toContain('<!here>');
  });
});

describe('typed text as plain words (timeline files, reviews)', () => {
  it('writes mentions and user groups as @ids, links as their label, entities as characters', () => {
    expect(typedAsPlain('paged <@U0ANA>, <!subteam^S0ML> see <https://x.example|runbook> &lt;3')).toBe('paged @U0ANA, @S0ML see runbook <3');
  });
});
