import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { quiet } from './quietLogger.js';
import { createSlackEmulator, RENDER_PARTS, type SlackEmulator, type UiState } from '../src/index.js';

// The web UI's modal endpoints driven over HTTP as the page's script drives them, against a
// stand-in app whose answer to each view_submission the test chooses.

const ALICE = 'U01';
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const textInput = (id: string) => ({ type: 'input', block_id: id, label: plain(id), element: { type: 'plain_text_input', action_id: id } });

const draftForm = {
  type: 'modal',
  callback_id: 'update:draft',
  title: plain('Draft update'),
  submit: plain('Preview'),
  blocks: [
    textInput('summary'),
    {
      type: 'input',
      block_id: 'audience',
      label: plain('Audience'),
      element: { type: 'static_select', action_id: 'audience', options: ['team', 'execs'].map((v) => ({ value: v, text: plain(v) })), initial_option: { value: 'team', text: plain('team') } },
    },
  ],
};
const preview = {
  type: 'modal',
  callback_id: 'update:preview',
  title: plain('Preview'),
  submit: plain('Post'),
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Checkout* is back' } }],
};

let emu: SlackEmulator;
let client: WebClient;
let app: Server;
let printed: string[];
/** What the stand-in app answers the next view_submission with. */
let answer: unknown;
let submissions: Record<string, unknown>[];

beforeEach(async () => {
  printed = [];
  submissions = [];
  answer = {};
  emu = createSlackEmulator({ users: [{ id: ALICE, name: 'alice' }], print: (line) => printed.push(line) });
  await emu.start(0);
  client = new WebClient(emu.token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const payload = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('payload');
      submissions.push(JSON.parse(payload ?? '{}') as Record<string, unknown>);
      const body = typeof answer === 'string' ? answer : JSON.stringify(answer);
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  emu.connectApp({ eventsUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`, signingSecret: 'secret' });
});

afterEach(async () => {
  await emu.stop();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${emu.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const shown = async () => ((await (await fetch(`${emu.baseUrl}/ui/state.json`)).json()) as UiState).modals[ALICE];

async function openDraft(): Promise<string> {
  const res = await client.views.open({ trigger_id: emu.newTriggerId(ALICE), view: draftForm as never });
  return res.view!.id!;
}

const typed = { summary: { summary: 'Checkout is back' }, audience: { audience: 'execs' } };

describe('a view_submission answered with push, update or clear', () => {
  it('push: the preview shows on top; closing it returns to the form as it was typed', async () => {
    const formId = await openDraft();
    answer = { response_action: 'push', view: preview };
    const res = await post('/ui/submit', { user: ALICE, viewId: formId, values: typed });
    expect(res.status).toBe(200);
    expect(submissions[0]?.['view']).toMatchObject({ id: formId, callback_id: 'update:draft' });

    const top = (await shown())!;
    expect(top.view).toMatchObject({ callback_id: 'update:preview', root_view_id: formId, previous_view_id: formId });
    expect(top.id).not.toBe(formId);
    const pushed = emu.views.at(-1)!;
    expect(pushed).toMatchObject({ id: top.id, via: 'response_push', userId: ALICE, type: 'modal' });
    expect(printed.join('\n')).toContain(`modal pushed by response_action for @alice : Preview  (${top.id})`);
    // Drawn as Slack draws a pushed view: with a way back.
    const kit = RENDER_PARTS.kitFor((await (await fetch(`${emu.baseUrl}/ui/state.json`)).json()) as UiState, RENDER_PARTS);
    expect(RENDER_PARTS.modalToHtml(top, kit)).toContain('title="Back"');

    // Only the top view can be submitted; the form below waits.
    expect((await post('/ui/submit', { user: ALICE, viewId: formId, values: typed })).status).toBe(404);

    expect((await post('/ui/close', { user: ALICE, viewId: top.id })).status).toBe(200);
    const back = (await shown())!;
    expect(back.id).toBe(formId);
    expect(back.values).toEqual(typed);
    const html = RENDER_PARTS.modalToHtml(back, kit);
    expect(html).toContain('value="Checkout is back"');
    expect(html).toContain('<option value="execs" selected>');
    expect(html).not.toContain('<option value="team" selected>');
    expect(html).not.toContain('title="Back"');
  });

  it('push, then the preview answered with clear: the whole stack closes', async () => {
    const formId = await openDraft();
    answer = { response_action: 'push', view: preview };
    await post('/ui/submit', { user: ALICE, viewId: formId, values: typed });
    const previewId = (await shown())!.id;

    answer = { response_action: 'clear' };
    const res = await post('/ui/submit', { user: ALICE, viewId: previewId, values: {} });
    expect(res.status).toBe(200);
    expect(submissions[1]?.['view']).toMatchObject({ id: previewId, callback_id: 'update:preview', previous_view_id: formId });
    expect(await shown()).toBeUndefined();
  });

  it('push, then the preview acked empty: only the preview closes', async () => {
    const formId = await openDraft();
    answer = { response_action: 'push', view: preview };
    await post('/ui/submit', { user: ALICE, viewId: formId, values: typed });
    answer = {};
    await post('/ui/submit', { user: ALICE, viewId: (await shown())!.id, values: {} });
    expect((await shown())?.id).toBe(formId);
  });

  it('push stops at three views, as Slack does', async () => {
    const formId = await openDraft();
    answer = { response_action: 'push', view: { ...preview, blocks: [textInput('more')] } };
    await post('/ui/submit', { user: ALICE, viewId: formId, values: typed });
    await post('/ui/submit', { user: ALICE, viewId: (await shown())!.id, values: {} });
    const third = (await shown())!.id;
    const res = await post('/ui/submit', { user: ALICE, viewId: third, values: {} });
    expect(res.status).toBe(502);
    expect(String(res.body['message'])).toContain('push_limit_reached');
    expect((await shown())?.id).toBe(third);
  });

  it('update: the submitted view gets the new content under the same id and a new hash', async () => {
    const formId = await openDraft();
    const before = emu.currentView(formId)!.view['hash'];
    answer = { response_action: 'update', view: { ...draftForm, title: plain('Draft update (2/2)'), blocks: [...draftForm.blocks, textInput('next')] } };
    const res = await post('/ui/submit', { user: ALICE, viewId: formId, values: typed });
    expect(res.status).toBe(200);

    const now = (await shown())!;
    expect(now.id).toBe(formId);
    expect(now.view['title']).toEqual(plain('Draft update (2/2)'));
    expect(now.view['hash']).not.toBe(before);
    expect(now.view).toMatchObject({ root_view_id: formId, previous_view_id: null });
    expect(emu.views.at(-1)).toMatchObject({ id: formId, via: 'response_update' });
    expect(emu.currentView(formId)?.view['hash']).toBe(now.view['hash']);
    // Inputs that kept their block_id and action_id keep what was typed, as in Slack.
    const html = RENDER_PARTS.modalToHtml(now, RENDER_PARTS.kitFor({ users: [], channels: [], usergroups: [] } as unknown as UiState, RENDER_PARTS));
    expect(html).toContain('value="Checkout is back"');
    expect(html).toContain('data-block="next"');
  });

  it('update clears the errors answered before', async () => {
    const formId = await openDraft();
    answer = { response_action: 'errors', errors: { summary: 'Say what changed.' } };
    await post('/ui/submit', { user: ALICE, viewId: formId, values: {} });
    expect((await shown())?.errors).toEqual({ summary: 'Say what changed.' });
    answer = { response_action: 'update', view: draftForm };
    await post('/ui/submit', { user: ALICE, viewId: formId, values: typed });
    expect((await shown())?.errors).toEqual({});
  });

  it('clear on a single view closes it', async () => {
    const formId = await openDraft();
    answer = { response_action: 'clear' };
    await post('/ui/submit', { user: ALICE, viewId: formId, values: typed });
    expect(await shown()).toBeUndefined();
  });

  it('a malformed view in an update or push answer keeps the modal as it was and says why', async () => {
    const formId = await openDraft();
    const cases: [unknown, string][] = [
      [{ response_action: 'push' }, 'missing required field: view'],
      [{ response_action: 'push', view: 'nope' }, 'view must be a JSON object'],
      [{ response_action: 'update', view: { ...preview, type: 'home' } }, 'must be modal'],
      [{ response_action: 'push', view: { type: 'modal', title: plain('No blocks') } }, 'blocks must be an array'],
      [{ response_action: 'update', view: { ...preview, title: plain('A title far longer than Slack allows') } }, '/view/title'],
      [{ response_action: 'reload' }, 'response_action must be errors, update, push or clear'],
    ];
    for (const [bad, why] of cases) {
      printed.length = 0;
      answer = bad;
      const views = emu.views.length;
      const res = await post('/ui/submit', { user: ALICE, viewId: formId, values: typed });
      expect(res.status).toBe(502);
      expect(res.body['error']).toBe('invalid_response_action');
      expect(String(res.body['message'])).toContain(why);
      expect(printed.join('\n')).toContain(why);
      expect(printed.join('\n')).toContain('the modal stays as it was');
      const still = (await shown())!;
      expect(still.id).toBe(formId);
      expect(still.view['callback_id']).toBe('update:draft');
      expect(emu.views.length).toBe(views);
    }
  });

  it('a view closed with clear_on_close takes its whole stack with it', async () => {
    const formId = await openDraft();
    answer = { response_action: 'push', view: { ...preview, clear_on_close: true } };
    await post('/ui/submit', { user: ALICE, viewId: formId, values: typed });
    await post('/ui/close', { user: ALICE, viewId: (await shown())!.id });
    expect(await shown()).toBeUndefined();
  });
});
