import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { postDeployment, rollbackPolicy } from '../support/operatorHook.js';

// Issue 17: no body to POST /webhooks/deployments, however malformed, gets a 5xx; every 400 says
// what was wrong. Arbitrary JSON, and a valid deployment with fields replaced or removed, sent
// with a valid token to a real server. Seeded: FC_SEED=<n> tries another seed, FC_RUNS=<n> more.

const SEED = Number(process.env['FC_SEED'] ?? 20261122);
const RUNS = Number(process.env['FC_RUNS'] ?? 300);

const SAMPLE: Record<string, unknown> = {
  model: 'fraud-detector',
  version: 'v15',
  environment: 'production',
  deployedAt: '2026-11-22T12:30:00Z',
  by: 'ci-bot',
  artifact: 'sha256:9f2c',
  notes: 'retrained',
};

const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>('', ' ', '2026-02-30T10:00:00Z', '+275760-09-13T00:00:00Z', '<!channel>', '\u0000\u202e\ud800', 'x'.repeat(6000), 1e308, [], {}, null),
  },
);

const body: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  {
    weight: 4,
    arbitrary: fc
      .array(fc.record({ key: fc.oneof(fc.constantFrom(...Object.keys(SAMPLE)), fc.string({ maxLength: 12 })), value: fc.option(fieldValue, { nil: undefined }) }), { minLength: 1, maxLength: 4 })
      .map((changes) => {
        const copy: Record<string, unknown> = { ...SAMPLE };
        for (const { key, value } of changes) {
          if (value === undefined) delete copy[key];
          else copy[key] = value;
        }
        return JSON.stringify(copy);
      }),
  },
  fc.string({ unit: 'binary', maxLength: 200 }),
);

describe('property: any JSON to the deployments webhook is a 202 or a 400 that says why', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ policyFile: rollbackPolicy() });
  });
  afterAll(async () => {
    await h.close();
  });

  it('never answers 5xx', async () => {
    const seen: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const res = await postDeployment(h.url, undefined, { raw });
        seen[res.status] = (seen[res.status] ?? 0) + 1;
        expect([202, 400]).toContain(res.status);
        if (res.status === 400) expect((res.body!['issues'] as unknown[]).length).toBeGreaterThan(0);
        else expect(res.body).toMatchObject({ duplicate: expect.any(Boolean) as unknown });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`deployments: ${RUNS} bodies (seed ${SEED}): ${JSON.stringify(seen)}`);
  });
});
