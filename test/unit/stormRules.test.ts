import { describe, expect, it } from 'vitest';
import type { AlertDigest } from '../../src/incidents/alertDigest.js';
import { COALESCED_KINDS, EFFECT_CLASS } from '../../src/effects/effectClasses.js';
import { backoffMs } from '../../src/slack/delivery/deliveryWorker.js';
import { CHATTER_BURST, CHATTER_SPACING_MS, DIGEST_SPACING_MS, LanePacer } from '../../src/slack/delivery/lanePacer.js';
import { digestText, digestThreadText } from '../../src/slack/blocks/digestText.js';

const digest = (over: Partial<AlertDigest> = {}): AlertDigest => ({
  total: 5_010,
  firing: 4_980,
  repeats: 1_234,
  groups: [
    { signal: 'data_drift', modelName: 'fraud-detector', alerts: 5_000, firing: 4_975 },
    { signal: 'pipeline_failure', modelName: null, alerts: 10, firing: 5 },
  ],
  newAlerts: [{ id: 7, title: 'PSI <!channel> on age', signal: 'data_drift', modelName: 'fraud-detector', status: 'firing' }],
  newCount: 37,
  latest: { id: 7, title: 'PSI <!channel> on age', signal: 'data_drift', modelName: 'fraud-detector', status: 'firing' },
  lastAlertId: 7,
  lastReceivedAt: new Date('2026-11-22T16:01:00Z'),
  ...over,
});

describe('the alert digest says how many joined and of which kinds', () => {
  it('counts alerts, firing, cleared and repeats, largest group first', () => {
    const text = digestText(digest());
    expect(text).toContain('5,010 alerts in this incident (4,980 firing, 30 cleared), and 1,234 repeat deliveries.');
    expect(text.indexOf('`data_drift` on _fraud-detector_: 5,000 (4,975 firing)')).toBeLessThan(text.indexOf('`pipeline_failure`: 10 (5 firing)'));
  });

  it('escapes detector text, so an alert title cannot ping the channel', () => {
    expect(digestText(digest())).not.toContain('<!channel>');
    expect(digestThreadText(digest())).toContain('&lt;!channel&gt;');
  });

  it('the thread reply lists what is new and says how many more there are', () => {
    const text = digestThreadText(digest());
    expect(text).toContain('37 alerts joined since the last digest');
    expect(text).toContain('…and 36 more');
  });

  it('one alert and no repeats read naturally', () => {
    const text = digestText(digest({ total: 1, firing: 1, repeats: 0, groups: [{ signal: 'latency', modelName: 'm', alerts: 1, firing: 1 }] }));
    expect(text).toContain('1 alert in this incident (1 firing).');
  });
});

describe('pages first: every effect kind has a class', () => {
  it('pages, summary and set-up are core; notices and the digest are chatter', () => {
    for (const kind of ['page.dm', 'page.usergroup', 'summary.post', 'summary.refresh', 'channel.create', 'pages.refresh'] as const) {
      expect(EFFECT_CLASS[kind]).toBe('core');
    }
    expect(EFFECT_CLASS['channel.notice']).toBe('chatter');
    expect(EFFECT_CLASS['alerts.digest']).toBe('chatter');
  });

  it('only kinds that render current state are coalesced: a page or a notice never is', () => {
    expect(COALESCED_KINDS.has('summary.refresh')).toBe(true);
    expect(COALESCED_KINDS.has('alerts.digest')).toBe(true);
    expect(COALESCED_KINDS.has('page.dm')).toBe(false);
    expect(COALESCED_KINDS.has('channel.notice')).toBe(false);
  });
});

describe("chatter keeps to Slack's pace", () => {
  it('lets a short burst through, then spaces a lane one message a second', () => {
    const pacer = new LanePacer();
    const lane = 'incident:1:chatter';
    let now = 10_000;
    for (let i = 0; i < CHATTER_BURST; i++) {
      expect(pacer.notBefore(lane, 'channel.notice', now)).toBe(now);
      pacer.delivered(lane, 'channel.notice', now);
    }
    expect(pacer.notBefore(lane, 'channel.notice', now)).toBe(now + CHATTER_SPACING_MS);
    now += CHATTER_SPACING_MS;
    expect(pacer.notBefore(lane, 'channel.notice', now)).toBe(now);
    // Lanes are paced apart: another incident's channel is not held back.
    expect(pacer.notBefore('incident:2:chatter', 'channel.notice', now)).toBe(now);
  });

  it('edits the digest at most every few seconds', () => {
    const pacer = new LanePacer();
    pacer.delivered('incident:1:chatter', 'alerts.digest', 10_000);
    expect(pacer.notBefore('incident:1:chatter', 'alerts.digest', 10_500)).toBe(10_000 + DIGEST_SPACING_MS);
    expect(pacer.notBefore('incident:1:chatter', 'channel.notice', 10_500)).toBe(10_500);
  });

  it('backs off 1 s, 2 s, 4 s ... and never waits more than about 30 s', () => {
    expect(backoffMs(1)).toBeGreaterThanOrEqual(800);
    expect(backoffMs(1)).toBeLessThanOrEqual(1200);
    for (let attempts = 6; attempts < 50; attempts++) expect(backoffMs(attempts)).toBeLessThanOrEqual(36_000);
  });
});
