import { describe, expect, it } from 'vitest';
import { CONTAINMENT_ITEMS, TRIAGE_ITEMS, buildTriageChecklist } from '../../src/domain/checklist.js';
import { CATEGORIES } from '../../src/domain/types.js';

describe('buildTriageChecklist', () => {
  it.each(CATEGORIES)('starts with the eight triage questions in order for %s', (category) => {
    const triage = buildTriageChecklist(category).filter((item) => item.section === 'triage');
    expect(triage).toHaveLength(8);
    expect(triage.map((item) => item.id)).toEqual(Array.from({ length: 8 }, (_, i) => `triage-${i + 1}`));
    expect(triage.map((item) => item.text)).toEqual(TRIAGE_ITEMS);
  });

  it('puts triage before containment', () => {
    const sections = buildTriageChecklist('model').map((item) => item.section);
    expect(sections.lastIndexOf('triage')).toBeLessThan(sections.indexOf('containment'));
  });

  it.each(CATEGORIES)('has 3-5 containment items for %s with ids contain-1..n', (category) => {
    const containment = buildTriageChecklist(category).filter((item) => item.section === 'containment');
    expect(containment.length).toBeGreaterThanOrEqual(3);
    expect(containment.length).toBeLessThanOrEqual(5);
    containment.forEach((item, i) => expect(item.id).toBe(`contain-${i + 1}`));
  });

  it('containment differs by category', () => {
    const texts = CATEGORIES.map((c) => JSON.stringify(CONTAINMENT_ITEMS[c]));
    expect(new Set(texts).size).toBe(CATEGORIES.length);
  });

  it('safety says to disable or fall back immediately and to involve legal and the CISO', () => {
    const texts = buildTriageChecklist('safety')
      .filter((item) => item.section === 'containment')
      .map((item) => item.text.toLowerCase());
    expect(texts[0]).toMatch(/disable|fall back/);
    expect(texts[0]).toContain('immediately');
    expect(texts.some((t) => t.includes('legal') && t.includes('ciso'))).toBe(true);
  });

  it.each(CATEGORIES)('ids are unique and at most 40 characters for %s', (category) => {
    const items = buildTriageChecklist(category);
    const ids = items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(40);
    for (const item of items) expect(item.text.trim()).not.toBe('');
  });

  it('returns fresh arrays so callers cannot corrupt the template', () => {
    const first = buildTriageChecklist('data');
    first.pop();
    expect(buildTriageChecklist('data')).toHaveLength(first.length + 1);
  });
});
