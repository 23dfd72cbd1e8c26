import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, fitText } from '../../src/slack/blocks/limits.js';
import { escapeMrkdwn } from '../../src/slack/format/mrkdwn.js';

// clip escapes only the first max + 1 characters of a sender's text (a 100,000-character field is
// not escaped whole to keep 3,000 of it). That must cut exactly where escaping the whole text
// would: same characters, same entity and mention boundaries, same pointer, same closed code span.

const SEED = Number(process.env['FC_SEED'] ?? 20261130);
// Text rich in what escaping expands and what a cut must not split.
const piece = fc.constantFrom('&', '<', '>', '`', '<@U123>', '&amp;', 'é', '😀', 'a', ' ', 'word ', '\n');
const senderText = fc.array(piece, { maxLength: 700 }).map((parts) => parts.join(''));

describe('clip cuts a sender text as escaping all of it would', () => {
  it('for any text, budget and pointer', () => {
    fc.assert(
      fc.property(senderText, fc.integer({ min: 0, max: 900 }), fc.constantFrom(undefined, ' (full text in the thread)'), (raw, max, pointer) => {
        expect(clip(raw, max, pointer)).toBe(fitText(escapeMrkdwn(raw), max, pointer));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
