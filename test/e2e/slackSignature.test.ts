import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';

describe('Slack requests are verified', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  const body = () => new URLSearchParams({ command: '/incident', text: 'help', user_id: 'U0RESPONDER', channel_id: 'C1', team_id: 'T1', trigger_id: 't' }).toString();

  it('answers a correctly signed slash command', async () => {
    const res = await h.slackRequest(body(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(res.text).toContain('/incident help');
  });

  it('refuses a forged signature with 401', async () => {
    const res = await h.slackRequest(body(), 'application/x-www-form-urlencoded', { secret: 'someone-elses-secret' });
    expect(res.status).toBe(401);
  });

  it('refuses a stale timestamp (older than 5 minutes) with 401, even when correctly signed', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.slackRequest(body(), 'application/x-www-form-urlencoded', { timestamp: sixMinutesAgo });
    expect(res.status).toBe(401);
  });

  it('answers Slack url_verification with the challenge', async () => {
    const res = await h.slackRequest(JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }), 'application/json');
    expect(res.status).toBe(200);
    expect(res.text).toContain('abc123');
  });
});
