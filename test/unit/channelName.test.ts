import { describe, expect, it } from 'vitest';
import { incidentChannelName, slugify } from '../../src/domain/channelName.js';

const SLACK_NAME = /^[a-z0-9_-]{1,80}$/;

function expectValid(name: string): void {
  expect(name).toMatch(SLACK_NAME);
  expect(name).not.toMatch(/--/);
  expect(name).not.toMatch(/[-_]$/);
}

describe('incidentChannelName', () => {
  it('builds inc-<number>-<slug>', () => {
    expect(incidentChannelName(42, 'Churn model accuracy drop')).toBe('inc-42-churn-model-accuracy-drop');
  });

  it('lowercases and turns punctuation into single hyphens', () => {
    expect(incidentChannelName(7, '  Fraud: P99 latency > 900ms!!  ')).toBe('inc-7-fraud-p99-latency-900ms');
  });

  it('keeps underscores, which Slack allows', () => {
    expect(incidentChannelName(3, 'churn_v2 drift')).toBe('inc-3-churn_v2-drift');
  });

  it('strips accents and spells letters NFKD cannot split', () => {
    expect(incidentChannelName(5, 'Modèle de crédit: dérive à Zürich')).toBe('inc-5-modele-de-credit-derive-a-zurich');
    expect(incidentChannelName(6, 'Straße Øresund')).toBe('inc-6-strasse-oresund');
  });

  it('drops emoji and non-latin scripts', () => {
    const name = incidentChannelName(8, '🔥 Model 🚨 down 🔥');
    expect(name).toBe('inc-8-model-down');
    expectValid(name);
    expect(incidentChannelName(9, '模型准确率下降')).toBe('inc-9');
  });

  it('neutralises Slack markup in the title', () => {
    const name = incidentChannelName(11, '<!channel> <@U123> model down');
    expect(name).toBe('inc-11-channel-u123-model-down');
    expectValid(name);
  });

  it('falls back to inc-<number> for an empty slug', () => {
    expect(incidentChannelName(12, '')).toBe('inc-12');
    expect(incidentChannelName(12, '🔥🔥🔥')).toBe('inc-12');
    expect(incidentChannelName(12, '---')).toBe('inc-12');
  });

  it('cuts very long titles at a word boundary within 80 characters', () => {
    const title = 'Fraud detection model accuracy dropped sharply after the nightly feature pipeline changed its schema upstream';
    const name = incidentChannelName(1234, title);
    expectValid(name);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name.startsWith('inc-1234-fraud-detection-model')).toBe(true);
    const lastWord = name.split('-').at(-1) ?? '';
    expect(title.toLowerCase().split(' ')).toContain(lastWord);
  });

  it('hard-cuts a single enormous word', () => {
    const name = incidentChannelName(1, 'a'.repeat(200));
    expect(name).toBe(`inc-1-${'a'.repeat(74)}`);
    expect(name.length).toBe(80);
  });

  it('appends the attempt after name_taken, still within 80 characters', () => {
    expect(incidentChannelName(42, 'Churn model', 1)).toBe('inc-42-churn-model');
    expect(incidentChannelName(42, 'Churn model', 2)).toBe('inc-42-churn-model-2');
    expect(incidentChannelName(42, 'Churn model', 3)).toBe('inc-42-churn-model-3');
    expect(incidentChannelName(42, '', 2)).toBe('inc-42-2');
    const long = incidentChannelName(99999, 'word '.repeat(40), 12);
    expectValid(long);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('-word-12')).toBe(true);
  });

  it('rejects impossible numbers', () => {
    expect(() => incidentChannelName(-1, 'x')).toThrow(RangeError);
    expect(() => incidentChannelName(1.5, 'x')).toThrow(RangeError);
    expect(() => incidentChannelName(1, 'x', 0)).toThrow(RangeError);
  });

  it('always produces a valid name', () => {
    const titles = ['', ' ', '_', '__init__ failed', 'A-B--C', 'é', 'x'.repeat(500), '¡¿', 'ﬁle ＦＵＬＬＷＩＤＴＨ'];
    for (const title of titles) {
      for (const attempt of [undefined, 2, 100]) {
        expectValid(incidentChannelName(123456, title, attempt));
      }
    }
  });
});

describe('slugify', () => {
  it('folds compatibility forms', () => {
    expect(slugify('ﬁle ＦＵＬＬＷＩＤＴＨ')).toBe('file-fullwidth');
  });
});
