import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseRunbook, runbookForCategory, runbookSteps, type Runbook } from '../../src/domain/runbooks.js';
import { CATEGORIES } from '../../src/domain/types.js';

const RUNBOOK_DIR = join(import.meta.dirname, '..', '..', 'runbooks');

function loadAll(): Runbook[] {
  return readdirSync(RUNBOOK_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const origin = join('runbooks', file);
      return parseRunbook(parse(readFileSync(join(RUNBOOK_DIR, file), 'utf8')), origin);
    });
}

const valid = {
  name: 'example-runbook',
  title: 'Example',
  categories: ['model'],
  symptoms: ['something is off'],
  steps: ['Check one thing', 'Check another'],
  rollbackVsRetrain: 'Roll back when a deploy caused it.',
};

describe('shipped runbooks', () => {
  const runbooks = loadAll();

  it('are the six from DOMAIN.md and all parse', () => {
    expect(runbooks.map((r) => r.name)).toEqual([
      'data-pipeline-failure',
      'emergency-model-rollback',
      'emergency-retraining',
      'inference-latency-spike',
      'model-quality-degradation',
      'retrieval-quality-failure',
    ]);
  });

  it('cover every failure category', () => {
    for (const category of CATEGORIES) {
      expect(runbookForCategory(runbooks, category), category).toBeDefined();
    }
  });

  it('serve the categories they are written for', () => {
    const byName = new Map(runbooks.map((r) => [r.name, r.categories]));
    expect(byName.get('model-quality-degradation')).toEqual(['model']);
    expect(byName.get('inference-latency-spike')).toEqual(['infrastructure']);
    expect(byName.get('retrieval-quality-failure')).toEqual(['retrieval']);
    expect(byName.get('data-pipeline-failure')).toEqual(['data', 'integration']);
    expect(byName.get('emergency-model-rollback')).toEqual(['model', 'safety']);
    expect(byName.get('emergency-retraining')).toEqual(['model', 'data']);
  });

  it.each(loadAll().map((r) => [r.name, r] as const))('%s has symptoms, 6-10 steps and rollback advice', (_, runbook) => {
    expect(runbook.symptoms.length).toBeGreaterThan(0);
    expect(runbook.steps.length).toBeGreaterThanOrEqual(6);
    expect(runbook.steps.length).toBeLessThanOrEqual(10);
    expect(runbook.rollbackVsRetrain.length).toBeGreaterThan(50);
  });

  it('emergency rollback includes verification', () => {
    const rollback = runbooks.find((r) => r.name === 'emergency-model-rollback');
    expect(rollback?.steps.some((s) => s.toLowerCase().startsWith('verify'))).toBe(true);
  });

  it('step ids are unique across runbooks and at most 60 characters', () => {
    const ids = runbooks.flatMap(runbookSteps).map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(60);
  });
});

describe('parseRunbook', () => {
  it('accepts a valid document', () => {
    expect(parseRunbook(valid, 'runbooks/example-runbook.yaml').name).toBe('example-runbook');
    expect(parseRunbook(valid, 'inline').title).toBe('Example');
  });

  it('names the origin and the field', () => {
    expect(() => parseRunbook({ ...valid, steps: [] }, 'runbooks/example-runbook.yaml')).toThrow(
      /runbooks\/example-runbook\.yaml.*steps/,
    );
    expect(() => parseRunbook({ ...valid, categories: ['network'] }, 'x.yaml')).toThrow(/x\.yaml.*categories\.0/);
    expect(() => parseRunbook({ ...valid, symptoms: ['ok', '  '] }, 'y')).toThrow(/y: symptoms\.1/);
  });

  it('rejects unknown keys, bad names and a name that differs from the file', () => {
    expect(() => parseRunbook({ ...valid, symptom: ['typo'] }, 'a')).toThrow(/symptom/);
    expect(() => parseRunbook({ ...valid, name: 'Bad Name' }, 'a')).toThrow(/name/);
    expect(() => parseRunbook({ ...valid, name: 'x'.repeat(51) }, 'a')).toThrow(/name/);
    expect(() => parseRunbook(valid, 'runbooks/other.yaml')).toThrow(/runbooks\/other\.yaml.*name/);
  });

  it('reports a document that is not an object', () => {
    expect(() => parseRunbook(null, 'empty.yaml')).toThrow(/empty\.yaml/);
  });
});

describe('runbookSteps and runbookForCategory', () => {
  const runbook = parseRunbook(valid, 'inline');

  it('numbers steps rb-<name>-<n> in the runbook section', () => {
    expect(runbookSteps(runbook)).toEqual([
      { id: 'rb-example-runbook-1', section: 'runbook', text: 'Check one thing' },
      { id: 'rb-example-runbook-2', section: 'runbook', text: 'Check another' },
    ]);
  });

  it('returns the first matching runbook, or undefined', () => {
    const other = { ...runbook, name: 'other', categories: ['model' as const, 'data' as const] };
    expect(runbookForCategory([runbook, other], 'model')).toBe(runbook);
    expect(runbookForCategory([runbook, other], 'data')).toBe(other);
    expect(runbookForCategory([runbook, other], 'safety')).toBeUndefined();
  });
});
