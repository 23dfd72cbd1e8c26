import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/shared/logger.js';
import { Harness, SIGNING_SECRET } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { checks, lastModal, radio, select, submitView, text } from '../support/surfacePayloads.js';

// Correctly signed requests that Slack itself would never send, or that Vigil has no listener
// for. Every one must be answered at once: 200 for what Vigil does not handle, 400 for what
// cannot be read as a Slack request, never a 5xx and never after Slack's 3 seconds.

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const payload = (value: unknown): string => form({ payload: JSON.stringify(value) });
const rawPayload = (text: string): string => form({ payload: text });

const user = { id: PEOPLE.responder, username: 'responder', team_id: 'T111' };
const team = { id: 'T111', domain: 'workspace' };
const button = (actionId: string, value = '1') => ({ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1790000000.000100' });
const blockActions = (extra: Record<string, unknown>) => ({ type: 'block_actions', team, user, channel: { id: 'C0NOPE' }, trigger_id: 't', ...extra });
const view = (callbackId: string, extra: Record<string, unknown> = {}) => ({
  id: 'V1',
  type: 'modal',
  callback_id: callbackId,
  private_metadata: '',
  state: { values: {} },
  ...extra,
});
const eventCallback = (event: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'event_callback', team_id: 'T111', api_app_id: 'A1', event_id: 'Ev0HOSTILE', event_time: 1790000000, event, ...extra });
const command = (fields: Record<string, string>) =>
  form({ token: 't', team_id: 'T111', channel_id: 'C0NOPE', user_id: PEOPLE.responder, command: '/incident', text: 'help', trigger_id: 't', ...fields });
const without = <T extends Record<string, unknown>>(value: T, key: string): Record<string, unknown> => {
  const { [key]: _dropped, ...rest } = value;
  return rest;
};

interface Case {
  name: string;
  body: string;
  contentType: string;
  status: 200 | 400;
}

const CASES: Case[] = [
  // Cannot be read as a Slack request: 400.
  { name: 'form payload= that is not JSON', body: rawPayload('{"type": "block_actions", '), contentType: FORM, status: 400 },
  { name: 'JSON body that is not JSON', body: '{"type": "event_callback", ', contentType: JSON_TYPE, status: 400 },
  { name: 'JSON body null', body: 'null', contentType: JSON_TYPE, status: 400 },
  { name: 'JSON body an array', body: '[1, 2]', contentType: JSON_TYPE, status: 400 },
  { name: 'JSON body a string', body: '"event_callback"', contentType: JSON_TYPE, status: 400 },
  { name: 'payload= that is a number', body: rawPayload('42'), contentType: FORM, status: 400 },
  { name: 'block_actions without user', body: payload(without(blockActions({ actions: [button('incident:acknowledge')] }), 'user')), contentType: FORM, status: 400 },
  { name: 'block_actions without user or team', body: payload(without(without(blockActions({ actions: [button('incident:acknowledge')] }), 'user'), 'team')), contentType: FORM, status: 400 },
  { name: 'block_actions whose user has no id', body: payload(blockActions({ user: {}, actions: [button('incident:acknowledge')] })), contentType: FORM, status: 400 },
  { name: 'block_actions without actions', body: payload(blockActions({})), contentType: FORM, status: 400 },
  { name: 'block_actions with empty actions', body: payload(blockActions({ actions: [] })), contentType: FORM, status: 400 },
  { name: 'block_actions whose actions is a string', body: payload(blockActions({ actions: 'incident:acknowledge' })), contentType: FORM, status: 400 },
  { name: 'view_submission without view', body: payload({ type: 'view_submission', team, user }), contentType: FORM, status: 400 },
  { name: 'view_submission without user', body: payload({ type: 'view_submission', team, view: view('incident:resolve-form') }), contentType: FORM, status: 400 },
  { name: 'view_submission without state', body: payload({ type: 'view_submission', team, user, view: without(view('incident:declare-form'), 'state') }), contentType: FORM, status: 400 },
  { name: 'message shortcut without message', body: payload({ type: 'message_action', team, user, callback_id: 'add_to_timeline', channel: { id: 'C1' }, trigger_id: 't', response_url: 'http://127.0.0.1:9/x' }), contentType: FORM, status: 400 },
  { name: 'event_callback without event', body: JSON.stringify({ type: 'event_callback', team_id: 'T111', event_id: 'Ev0X' }), contentType: JSON_TYPE, status: 400 },
  { name: 'event_callback whose event is a string', body: eventCallback('reaction_added'), contentType: JSON_TYPE, status: 400 },
  { name: 'event whose item is a string', body: eventCallback({ type: 'reaction_added', user: PEOPLE.lead, reaction: 'pushpin', item: 'C1' }), contentType: JSON_TYPE, status: 400 },
  { name: 'event_callback without event_id', body: JSON.stringify({ type: 'event_callback', team_id: 'T111', event: { type: 'pin_added' } }), contentType: JSON_TYPE, status: 400 },
  // Passes the envelope check but makes Bolt itself throw while routing it: its error handler answers.
  { name: 'event with a null subteam (Bolt reads subteam.created_by)', body: eventCallback({ type: 'subteam_created', subteam: null }), contentType: JSON_TYPE, status: 400 },
  { name: 'slash command without user_id', body: form({ command: '/incident', text: 'help', channel_id: 'C1', team_id: 'T1' }), contentType: FORM, status: 400 },

  // Well formed, but nothing Vigil answers: 200 at once, and a log line.
  { name: 'unknown action id', body: payload(blockActions({ actions: [button('someone:else')] })), contentType: FORM, status: 200 },
  { name: 'unknown view callback id', body: payload({ type: 'view_submission', team, user, view: view('someone:else') }), contentType: FORM, status: 200 },
  { name: 'view_closed', body: payload({ type: 'view_closed', team, user, view: view('incident:declare-form'), is_cleared: false }), contentType: FORM, status: 200 },
  { name: 'unknown shortcut callback id', body: payload({ type: 'shortcut', team, user, callback_id: 'someone_else', trigger_id: 't' }), contentType: FORM, status: 200 },
  { name: 'unknown message shortcut', body: payload({ type: 'message_action', team, user, callback_id: 'x', channel: { id: 'C1' }, message: { ts: '1.2', text: 'x' }, trigger_id: 't', response_url: 'http://127.0.0.1:9/x' }), contentType: FORM, status: 200 },
  { name: 'block_suggestion', body: payload({ type: 'block_suggestion', team, user, action_id: 'x', block_id: 'b', value: 'q' }), contentType: FORM, status: 200 },
  { name: 'unknown event type', body: eventCallback({ type: 'star_added', user: PEOPLE.lead, item: { type: 'message', channel: 'C1' } }), contentType: JSON_TYPE, status: 200 },
  { name: 'message event', body: eventCallback({ type: 'message', user: PEOPLE.lead, text: 'hi', channel: 'C1', ts: '1.2' }), contentType: JSON_TYPE, status: 200 },
  { name: 'app_rate_limited', body: JSON.stringify({ token: 't', type: 'app_rate_limited', team_id: 'T111', minute_rate_limited: 1518467820, api_app_id: 'A1' }), contentType: JSON_TYPE, status: 200 },
  { name: 'JSON object of no known type', body: JSON.stringify({ hello: 'world' }), contentType: JSON_TYPE, status: 200 },
  { name: 'form with neither payload nor command', body: form({ hello: 'world' }), contentType: FORM, status: 200 },
  { name: 'unknown slash command', body: command({ command: '/deploy' }), contentType: FORM, status: 200 },
  { name: 'Vigil button with a garbage value outside any channel', body: payload(blockActions({ channel: undefined, actions: [button('incident:acknowledge', 'garbage')] })), contentType: FORM, status: 200 },
  { name: 'checklist button with a value that is not JSON', body: payload(blockActions({ actions: [button('checklist:toggle:x', '{nope')] })), contentType: FORM, status: 200 },
  { name: 'claim-role button on an incident that does not exist', body: payload(blockActions({ actions: [button('incident:claim-role:commander', '999:commander')] })), contentType: FORM, status: 200 },
  { name: 'reaction on a file', body: eventCallback({ type: 'reaction_added', user: PEOPLE.lead, reaction: 'pushpin', item: { type: 'file', file: 'F1' } }), contentType: JSON_TYPE, status: 200 },
  { name: 'pin_added without an item', body: eventCallback({ type: 'pin_added', user: PEOPLE.lead, channel_id: 'C1' }), contentType: JSON_TYPE, status: 200 },
  { name: 'app_home_opened without a user', body: eventCallback({ type: 'app_home_opened', tab: 'home' }), contentType: JSON_TYPE, status: 200 },
];

describe('correctly signed but malformed Slack requests are answered at once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(CASES)('$name: $status', async ({ body, contentType, status }) => {
    // The harness logs to silentLogger; watch it for the line saying what happened.
    const info = vi.spyOn(silentLogger, 'info');
    const warn = vi.spyOn(silentLogger, 'warn');
    try {
      const started = Date.now();
      const res = await h.slackRequest(body, contentType);
      const elapsed = Date.now() - started;
      expect(res.status).toBe(status);
      expect(elapsed).toBeLessThan(1000);
      await h.settle();
      if (status === 400) {
        expect(res.body).toMatchObject({ error: 'malformed_slack_request', issues: [expect.any(String)] });
        expect(warn.mock.calls.map(([line]) => line)).toContainEqual(expect.stringContaining('(400)'));
      }
    } finally {
      info.mockRestore();
      warn.mockRestore();
    }
  });

  it.each(CASES.filter((c) => c.name.startsWith('unknown') || c.name === 'app_rate_limited'))('$name is logged as something Vigil does not handle', async ({ body, contentType }) => {
    const info = vi.spyOn(silentLogger, 'info');
    try {
      await h.slackRequest(body, contentType);
      await h.settle();
      expect(info.mock.calls.map(([line]) => line)).toContainEqual(expect.stringContaining('Vigil does not handle'));
    } finally {
      info.mockRestore();
    }
  });

  it('nothing a malformed request started is left running or failing', async () => {
    await h.settle();
    const dead = h.vigil.store.sqlite.prepare("select count(*) as n from effects where status = 'dead'").get() as { n: number };
    expect(dead.n).toBe(0);
  });

  it('a well-formed request still works after all of them', async () => {
    const res = await h.slackRequest(command({ channel_id: h.emulator.channelByName('general')!.id }), FORM);
    expect(res.status).toBe(200);
    expect(res.text).toContain('/incident');
  });
});

describe('request timestamps are checked in both directions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  const body = () => command({ channel_id: h.emulator.channelByName('general')!.id });
  const now = () => Math.floor(Date.now() / 1000);
  /** Signed over whatever timestamp text is given, as Slack's scheme defines it. */
  const signedWithTimestampText = async (timestamp: string) => {
    const text = body();
    const signature = 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${text}`).digest('hex');
    return fetch(`${h.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': FORM, 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      body: text,
    });
  };

  it.each([
    ['10 minutes ahead', 10 * 60],
    ['a year ahead', 365 * 24 * 3600],
    ['6 minutes behind', -6 * 60],
  ])('refuses a correctly signed request dated %s with 401', async (_name, offset) => {
    const res = await h.slackRequest(body(), FORM, { timestamp: now() + offset });
    expect(res.status).toBe(401);
    expect(h.emulator.responses).toHaveLength(0);
  });

  it.each(['fractional', 'exponent', 'padded', 'empty', 'signed'])('refuses a correctly signed %s timestamp with 401', async (kind) => {
    const ts = now();
    const text = { fractional: `${ts}.5`, exponent: `${ts / 1e9}e9`, padded: ` ${ts}`, empty: '', signed: `+${ts}` }[kind]!;
    const res = await signedWithTimestampText(text);
    expect(res.status).toBe(401);
  });

  it('accepts a request dated within 5 minutes either way', async () => {
    for (const offset of [-4 * 60, 0, 4 * 60]) {
      const res = await h.slackRequest(body(), FORM, { timestamp: now() + offset });
      expect(res.status).toBe(200);
      expect(res.text).toContain('/incident');
    }
  });
});

describe('a form submission that must ask Slack first still answers in the form within 3 s', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const declareForm = {
    title: text('Toxic completions from the support bot'),
    description: text('Safety filter bypassed since 09:10'),
    severity: select('SEV1'),
    category: select('safety'),
    modelName: text(null),
    modelVersion: text(null),
    customerImpact: radio('yes'),
    isPrivate: checks(),
  };
  const incidentCount = () => (h.vigil.store.sqlite.prepare('select count(*) as n from incidents').get() as { n: number }).n;

  it.each([
    ['never answers', { hang: true as const }],
    ['fails', { status: 500 }],
  ])('SEV1 declare while the user-group look-up %s: refused next to the severity, in time', async (_name, fault) => {
    h = await Harness.start({ policy: `permissions:\n  declareSev1: [S0INCLEADS]\n` });
    h.emulator.addUsergroup({ id: 'S0INCLEADS', handle: 'incident-leads', users: [PEOPLE.responder] });
    await h.command('declare');
    h.emulator.injectFault('usergroups.users.list', fault, 5);

    const started = Date.now();
    const res = await submitView(h, lastModal(h), declareForm);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ response_action: 'errors', errors: { severity: expect.stringContaining('You may not declare a SEV1 incident') } });
    expect(incidentCount()).toBe(0);
  });

  it('SEV1 declare with the look-up answering: declared, and the form closed', async () => {
    h = await Harness.start({ policy: `permissions:\n  declareSev1: [S0INCLEADS]\n` });
    h.emulator.addUsergroup({ id: 'S0INCLEADS', handle: 'incident-leads', users: [PEOPLE.responder] });
    await h.command('declare');
    const res = await submitView(h, lastModal(h), declareForm);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(incidentCount()).toBe(1);
  });

  it('a resolve form whose look-up never answers is refused in the form, in time', async () => {
    h = await Harness.start({ policy: `permissions:\n  resolve: [S0INCLEADS]\n` });
    h.emulator.addUsergroup({ id: 'S0INCLEADS', handle: 'incident-leads', users: [PEOPLE.responder] });
    const channel = await h.openFixtureIncident();
    await h.command('resolve', { channel });
    const modal = lastModal(h);
    h.emulator.injectFault('usergroups.users.list', { hang: true }, 5);
    const started = Date.now();
    const res = await submitView(h, modal, { summary: text('Rolled back to v41'), modelRolledBack: radio('yes') });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(res.body).toMatchObject({ response_action: 'errors', errors: { summary: expect.stringContaining('You may not resolve incidents') } });
  });
});
