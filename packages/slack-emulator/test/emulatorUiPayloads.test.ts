import { describe, expect, it } from 'vitest';
import { commandText } from '../src/ui/commandAction.js';
import { blockActionsPayload, findButton, slashCommandForm } from '../src/ui/slackPayloads.js';
import { viewStateValues } from '../src/ui/viewState.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// Payloads recorded from real Slack, kept once for the whole repository (test/fixtures/slack/).
const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures');
const fixture = <T>(name: string): T => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;

const team = { id: 'T0VIGIL', domain: 'vigil-emulator' };
const user = { id: 'U0ALICE', name: 'alice' };
const channel = { id: 'C0INC', name: 'inc-1', isIm: false };
const opt = (value: string) => ({ value, text: { type: 'plain_text', text: value.toUpperCase() } });
const input = (blockId: string, element: Record<string, unknown>) => ({ type: 'input', block_id: blockId, label: { type: 'plain_text', text: blockId }, element: { action_id: blockId, ...element } });

describe('web UI payloads', () => {
  it('builds a slash command with every field of the captured one', () => {
    const form = slashCommandForm({ team, user, channel, command: '/incident', text: 'help', triggerId: 't', responseUrl: 'http://r' });
    const captured = fixture<Record<string, string>>('slack/slash_command.json');
    for (const key of Object.keys(captured).filter((k) => !k.startsWith('enterprise_'))) expect(form).toHaveProperty(key);
    expect(form).toMatchObject({ command: '/incident', text: 'help', user_id: 'U0ALICE', channel_id: 'C0INC', trigger_id: 't', response_url: 'http://r' });
    expect(slashCommandForm({ team, user, channel: { ...channel, isIm: true }, command: '/incident', text: '', triggerId: 't', responseUrl: 'r' }).channel_name).toBe('directmessage');
  });

  it('reads the composer line', () => {
    expect(commandText('/incident help')).toBe('help');
    expect(commandText('  status  ')).toBe('status');
    expect(commandText('/incident')).toBe('');
    expect(commandText('/giphy cats')).toBeUndefined();
  });

  it('finds buttons in actions blocks and accessories, and builds block_actions like the captured one', () => {
    const blocks = [
      { type: 'actions', block_id: 'page-actions', elements: [{ type: 'button', action_id: 'incident:acknowledge', text: { type: 'plain_text', text: 'Acknowledge' }, value: '1' }] },
      { type: 'section', block_id: 'item:t-1', text: { type: 'mrkdwn', text: 'x' }, accessory: { type: 'button', action_id: 'checklist:toggle:t-1', value: 'v' } },
    ];
    expect(findButton(blocks, 'checklist:toggle:t-1')?.blockId).toBe('item:t-1');
    expect(findButton(blocks, 'nope')).toBeUndefined();
    const button = findButton(blocks, 'incident:acknowledge')!;
    const payload = blockActionsPayload({
      team, user, channel, button, triggerId: 't', responseUrl: 'http://r', now: new Date(1_700_000_000_000),
      message: { ts: '1.000001', text: 'page', blocks, user: 'UVIGILBOT', ephemeral: false },
    });
    const captured = fixture<Record<string, unknown>>('slack/block_actions.json');
    for (const key of Object.keys(captured)) expect(payload).toHaveProperty(key);
    expect(payload['container']).toEqual({ type: 'message', message_ts: '1.000001', channel_id: 'C0INC', is_ephemeral: false });
    expect(payload['actions']).toEqual([{ ...button.element, block_id: 'page-actions', action_ts: '1700000000.000000' }]);
    const ephemeral = blockActionsPayload({ team, user, channel, button, triggerId: 't', responseUrl: 'r', message: { ts: '2.0', text: '', blocks, user: 'UVIGILBOT', ephemeral: true } });
    expect(ephemeral).not.toHaveProperty('message');
    expect(ephemeral['container']).toMatchObject({ is_ephemeral: true });
  });

  it('shapes view state values per element type, with the options from the view', () => {
    const blocks = [
      input('title', { type: 'plain_text_input' }),
      input('note', { type: 'plain_text_input' }),
      input('severity', { type: 'static_select', options: [opt('SEV1'), opt('SEV2')] }),
      input('impact', { type: 'radio_buttons', options: [opt('yes'), opt('no')] }),
      input('flags', { type: 'checkboxes', options: [opt('private'), opt('quiet')] }),
      input('day', { type: 'datepicker' }),
      input('ended', { type: 'datetimepicker' }),
      { type: 'section', text: { type: 'mrkdwn', text: 'not an input' } },
    ];
    const values = viewStateValues(blocks, {
      title: { title: 'Fraud down' },
      note: { note: null },
      severity: { severity: 'SEV2' },
      impact: { impact: 'yes' },
      flags: { flags: ['quiet'] },
      day: { day: '2026-11-22' },
      ended: { ended: '1700000000' },
    });
    expect(values).toEqual({
      title: { title: { type: 'plain_text_input', value: 'Fraud down' } },
      note: { note: { type: 'plain_text_input', value: null } },
      severity: { severity: { type: 'static_select', selected_option: opt('SEV2') } },
      impact: { impact: { type: 'radio_buttons', selected_option: opt('yes') } },
      flags: { flags: { type: 'checkboxes', selected_options: [opt('quiet')] } },
      day: { day: { type: 'datepicker', selected_date: '2026-11-22' } },
      ended: { ended: { type: 'datetimepicker', selected_date_time: 1_700_000_000 } },
    });
    // Untouched fields are still submitted, empty, as Slack does; unknown option values select nothing.
    expect(viewStateValues(blocks, { severity: { severity: 'SEV9' } })['severity']).toEqual({ severity: { type: 'static_select', selected_option: null } });
    expect(viewStateValues(blocks, {})['flags']).toEqual({ flags: { type: 'checkboxes', selected_options: [] } });
  });
});
