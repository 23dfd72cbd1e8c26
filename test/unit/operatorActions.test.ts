import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyFiles } from '../support/policyFiles.js';
import { judgeHookAnswer } from '../../src/domain/operatorActions.js';
import { hookSignature, signedHookHeaders, verifyHookSignature } from '../../src/shared/hookSignature.js';
import { hookBody, recordedUrl } from '../../src/incidents/operatorActions/requestOperatorAction.js';

const SECRET = 'rollback-secret-0123456789abcdef';
const AT = new Date('2025-11-22T16:00:00Z'); // 1763827200

describe('the hook request signature', () => {
  it('is v1= the hex HMAC-SHA256 of "v1:<timestamp>:<body>" keyed with the secret (checked against openssl)', () => {
    // printf 'v1:1763827200:{"action":"rollback"}' | openssl dgst -sha256 -hmac 'rollback-secret-0123456789abcdef'
    expect(hookSignature(SECRET, 1763827200, '{"action":"rollback"}')).toBe('v1=de7ac73b717d4604f89ebbd6524d878b66cdde74c268d63642adf1f578b7922e');
  });

  it('sends the timestamp in unix seconds, the signature and the Idempotency-Key', () => {
    const headers = signedHookHeaders(SECRET, '{}', 'key-1', AT);
    expect(headers).toEqual({
      'content-type': 'application/json',
      'X-Vigil-Timestamp': '1763827200',
      'X-Vigil-Signature': hookSignature(SECRET, 1763827200, '{}'),
      'Idempotency-Key': 'key-1',
    });
  });

  it('verifies only the same body, secret and a fresh timestamp', () => {
    const body = '{"action":"rollback","to":"v14"}';
    const headers = signedHookHeaders(SECRET, body, 'k', AT);
    const given = { timestamp: headers['X-Vigil-Timestamp'], signature: headers['X-Vigil-Signature'] };
    expect(verifyHookSignature(SECRET, given, body, AT)).toBe(true);
    expect(verifyHookSignature(SECRET, given, body.replace('v14', 'v13'), AT)).toBe(false);
    expect(verifyHookSignature('another-secret-0123456789abcdef', given, body, AT)).toBe(false);
    // Replayed ten minutes later: refused.
    expect(verifyHookSignature(SECRET, given, body, new Date(AT.getTime() + 600_000))).toBe(false);
    expect(verifyHookSignature(SECRET, { timestamp: 'soon', signature: given.signature }, body, AT)).toBe(false);
    expect(verifyHookSignature(SECRET, { timestamp: given.timestamp, signature: undefined }, body, AT)).toBe(false);
  });

  it('signs a body with every field the contract names, null "to" for the kill switch', () => {
    const body = hookBody({ incidentId: 42, action: 'killSwitch', model: 'fraud-detector', environment: 'production', from: 'v15', to: null }, 'U0LEAD', AT);
    expect(JSON.parse(body)).toEqual({
      action: 'killSwitch',
      incidentId: 42,
      model: 'fraud-detector',
      environment: 'production',
      from: 'v15',
      to: null,
      requestedBy: 'U0LEAD',
      confirmedAt: '2025-11-22T16:00:00.000Z',
    });
  });
});

describe('the hook URL on the record', () => {
  it('keeps scheme, host and path, never credentials or a query that may carry a token', () => {
    expect(recordedUrl('https://ops:hunter2@deploy.internal:8443/rollback?token=abc#x')).toBe('https://deploy.internal:8443/rollback');
    expect(recordedUrl('http://127.0.0.1:3002/rollback')).toBe('http://127.0.0.1:3002/rollback');
  });
});

describe('what a hook answer means', () => {
  it('2xx accepts; 4xx refuses for good except 408 and 429; 3xx is final; 5xx and no answer are retried', () => {
    const cases: Array<[number | null, string]> = [
      [200, 'accepted'],
      [202, 'accepted'],
      [204, 'accepted'],
      [301, 'refused'],
      [400, 'refused'],
      [401, 'refused'],
      [409, 'refused'],
      [422, 'refused'],
      [408, 'retry'],
      [429, 'retry'],
      [500, 'retry'],
      [503, 'retry'],
      [null, 'retry'],
    ];
    for (const [status, verdict] of cases) expect(judgeHookAnswer(status), String(status)).toBe(verdict);
  });
});

describe('actions in the policy file', () => {
  let files: ReturnType<typeof policyFiles>;
  beforeEach(() => {
    files = policyFiles('vigil-actions-');
  });
  afterEach(() => files.remove());
  const load = (yaml: string) => files.load(yaml);
  const errorOf = (yaml: string) => files.errorOf(yaml);

  it('reads each hook with its timeout (10s unless said), and offers none by default', () => {
    const policy = load(`
actions:
  rollback:   { url: "https://deploy.internal/rollback", secret: "${SECRET}", timeout: 5s }
  killSwitch: { url: "https://flags.internal/disable-model", secret: "${SECRET}" }
`);
    expect(policy.actions).toEqual({
      rollback: { url: 'https://deploy.internal/rollback', secret: SECRET, timeoutMs: 5000 },
      killSwitch: { url: 'https://flags.internal/disable-model', secret: SECRET, timeoutMs: 10_000 },
    });
    expect(load('grouping: { window: 10m }').actions).toEqual({});
  });

  it('refuses a hook that is not http(s), a short secret, a timeout out of range and an unknown action', () => {
    expect(errorOf(`actions: { rollback: { url: "ftp://deploy/x", secret: "${SECRET}" } }`)).toContain('actions.rollback.url: must be an http(s) URL');
    expect(errorOf('actions: { rollback: { url: "https://deploy/x", secret: "short" } }')).toContain('actions.rollback.secret: must be at least 16 characters');
    expect(errorOf(`actions: { rollback: { url: "https://deploy/x", secret: "${SECRET}", timeout: 2m } }`)).toContain('actions.rollback.timeout: must be between 1s and 60s');
    expect(errorOf(`actions: { retrain: { url: "https://deploy/x", secret: "${SECRET}" } }`)).toContain('unknown field "retrain"');
  });
});
