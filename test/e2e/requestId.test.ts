import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { Harness } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { TOKENS } from '../support/testPolicy.js';

// One id from a webhook to Slack: the answer, every log line, the effects it queued and their delivery.
describe('a request id follows a request to the effects it queued', () => {
  let h: Harness;
  const lines: Array<Record<string, unknown>> = [];

  beforeEach(async () => {
    lines.length = 0;
    h = await Harness.start({ logger: createLogger('debug', { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }) });
  });

  afterEach(async () => {
    await h.close();
  });

  it("keeps the sender's X-Request-Id on the answer, the log, the effects and their delivery", async () => {
    // Slack fails the channel's creation once, so delivery logs a retry: it must carry the same id.
    h.emulator.injectFault('conversations.create', { error: 'internal_error' });
    const res = await fetch(`${h.url}/webhooks/detector`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.detector}`, 'content-type': 'application/json', 'x-request-id': 'detector-run-77' },
      body: JSON.stringify(DETECTOR_ALERT),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBe('detector-run-77');
    await h.vigil.settle(15_000);

    const effects = h.vigil.store.sqlite.prepare('select distinct request_id as id from effects').all() as Array<{ id: string | null }>;
    expect(effects).toEqual([{ id: 'detector-run-77' }]);
    const ours = lines.filter((line) => line['requestId'] === 'detector-run-77').map((line) => String(line['msg']));
    expect(ours).toContain('webhook: opened an incident');
    expect(ours.some((msg) => msg.startsWith('delivery: channel.create failed, retrying'))).toBe(true);
  });

  it('makes an id when the sender gives none, or one that is not usable, and answers it', async () => {
    const res = await fetch(`${h.url}/webhooks/detector`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.detector}`, 'content-type': 'application/json', 'x-request-id': 'no spaces <allowed>' },
      body: JSON.stringify(DETECTOR_ALERT),
    });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await h.settle();
    expect(lines.find((line) => line['msg'] === 'webhook: opened an incident')?.['requestId']).toBe(id);
  });
});
