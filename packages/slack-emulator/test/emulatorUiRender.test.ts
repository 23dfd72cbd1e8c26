import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { jsonForScript, pageHtml, pageScript } from '../src/ui/page.js';
import { RENDER_PARTS } from '../src/ui/render/index.js';
import type { Names, Selection, UiModal, UiState } from '../src/ui/render/types.js';

const names: Names = {
  users: { U0ALICE: 'alice', UVIGILBOT: 'vigil' },
  channels: { C0INC: 'inc-1-fraud', D0ALICE: 'DM @alice' },
  groups: { S0LEADS: 'incident-leads' },
};
const md = (s: string) => RENDER_PARTS.mrkdwnToHtml(s, names, false);

// What a detector may put in an alert title, after Vigil's escapeMrkdwn (which turns < > & into entities).
const HOSTILE_RAW = '<script>alert(1)</script> <!channel> <img src=x onerror=alert(2)>';
const HOSTILE_ESCAPED = HOSTILE_RAW.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function sampleState(): UiState {
  return {
    team: 'Vigil Emulator',
    botUserId: 'UVIGILBOT',
    appConnected: true,
    shortcuts: [{ callbackId: 'add_to_timeline', name: 'Add to incident timeline' }],
    homeTab: true,
    homes: { U0ALICE: [{ type: 'section', text: { type: 'mrkdwn', text: '*Open incidents*' } }] },
    hints: [],
    users: [
      { id: 'UVIGILBOT', name: 'vigil', realName: 'Vigil', isBot: true },
      { id: 'U0ALICE', name: 'alice', realName: 'Alice (ML on-call)', isBot: false },
      { id: 'U0BOB', name: 'bob', realName: '', isBot: false },
    ],
    usergroups: [{ id: 'S0LEADS', handle: 'incident-leads' }],
    channels: [
      { id: 'C0INC', name: 'inc-1-fraud', label: '#inc-1-fraud', isIm: false, isPrivate: false, archived: false, topic: 'SEV1 · triggered · ack by <@U0ALICE> · INC-1', members: ['UVIGILBOT', 'U0ALICE'], pins: ['1700000000.000001'] },
      { id: 'D0ALICE', name: 'U0ALICE', label: 'DM @alice', isIm: true, isPrivate: true, archived: false, user: 'U0ALICE', topic: '', members: ['UVIGILBOT', 'U0ALICE'], pins: [] },
    ],
    messages: {
      C0INC: [
        {
          ts: '1700000000.000001',
          user: 'UVIGILBOT',
          text: 'summary',
          edited: true,
          reactions: [],
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: 'INC-1 <b>SEV1</b>' } },
            { type: 'section', text: { type: 'mrkdwn', text: `*${HOSTILE_ESCAPED}*` }, fields: [{ type: 'mrkdwn', text: '*Severity*\nSEV1' }] },
            { type: 'actions', block_id: 'incident-actions', elements: [{ type: 'button', action_id: 'incident:acknowledge', text: { type: 'plain_text', text: 'Acknowledge' }, style: 'primary', value: '1' }] },
          ],
        },
      ],
      D0ALICE: [{ ts: '1700000001.000001', user: 'UVIGILBOT', text: 'You are paged', blocks: [], edited: false, reactions: [] }],
    },
    ephemerals: [
      { channel: 'C0INC', user: 'U0ALICE', ts: '1700000002.000001', text: 'Only for alice', blocks: [] },
      { channel: 'C0INC', user: 'U0BOB', ts: '1700000003.000001', text: 'Only for bob', blocks: [] },
    ],
    modals: {},
  };
}

const selection = (channel: string, user: string): Selection => ({ channel, user, unread: {} });

describe('mrkdwn to HTML', () => {
  it('renders Slack formatting simply', () => {
    expect(md('*bold* _italic_ ~gone~ `x < y`')).toBe('<b>bold</b> <i>italic</i> <s>gone</s> <code>x &lt; y</code>');
    expect(md('one\ntwo')).toBe('one<br>two');
    expect(md('```a *b*\nc```')).toBe('<pre>a *b*\nc</pre>');
    expect(md('fraud_detector_v2 and 2*3*4')).toBe('fraud_detector_v2 and 2*3*4');
    expect(md('&gt; quoted')).toBe('<span class="quote">quoted</span>');
    expect(md(':rotating_light: paged')).toBe('🚨 paged');
  });

  it('renders links, mentions, channels, groups and dates', () => {
    expect(md('<https://example.com/a?b=1&amp;c=2|the report>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the report</a>',
    );
    expect(md('<@U0ALICE> and <@U0NOBODY|nobody>')).toBe('<span class="mention">@alice</span> and <span class="mention">@nobody</span>');
    expect(md('<#C0INC>')).toBe('<a class="chan-link" href="#" data-goto="C0INC">#inc-1-fraud</a>');
    expect(md('<!subteam^S0LEADS> <!here>')).toBe('<span class="mention">@incident-leads</span> <span class="mention">@here</span>');
    expect(md('acknowledged <!date^1700000000^{time}|16:01 UTC>')).toBe('acknowledged 16:01 UTC');
    expect(md('*<@U0ALICE>* done')).toBe('<b><span class="mention">@alice</span></b> done');
  });

  it('decodes Slack escapes once and HTML-escapes everything it shows', () => {
    expect(md('a &lt;b&gt; &amp;amp; "q"')).toBe('a &lt;b&gt; &amp;amp; &quot;q&quot;');
    const hostile = md(`*${HOSTILE_ESCAPED}*`);
    expect(hostile).not.toMatch(/<script|<img/);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // An escaped <!channel> is text, never a mention.
    expect(hostile).toContain('&lt;!channel&gt;');
    expect(hostile).not.toContain('class="mention"');
  });

  it('never lets raw angle brackets, quotes or script URLs become markup', () => {
    expect(md(HOSTILE_RAW)).not.toMatch(/<script|<img/);
    expect(md('<javascript:alert(1)|click me>')).toBe('&lt;javascript:alert(1)|click me&gt;');
    expect(md('<https://x.example/"onmouseover="alert(1)|x>')).toContain('href="https://x.example/&quot;onmouseover=&quot;alert(1)"');
    expect(md('<@U1|<img src=x>>')).not.toContain('<img');
    expect(RENDER_PARTS.mrkdwnToHtml('<b>plain</b> :eyes:', names, true)).toBe('&lt;b&gt;plain&lt;/b&gt; 👀');
    // plain_text: no markup, but the same three entities decoded (Vigil escapes detector text there too).
    expect(RENDER_PARTS.mrkdwnToHtml(`${HOSTILE_ESCAPED} *x*`, names, true)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt; &lt;img src=x onerror=alert(2)&gt; *x*',
    );
  });
});

describe('blocks to HTML', () => {
  const kit = RENDER_PARTS.kitFor(sampleState(), RENDER_PARTS);
  const blocks = sampleState().messages['C0INC']![0]!.blocks;

  it('asks a button\'s confirm dialog before the click, in its own words', () => {
    const confirmed = [
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'model:rollback',
            text: { type: 'plain_text', text: 'Roll back to v14' },
            confirm: {
              title: { type: 'plain_text', text: 'Roll back the model?' },
              text: { type: 'mrkdwn', text: 'Roll back *fraud-detector* from *v15* to *v14* &lt;"now"&gt;?' },
              confirm: { type: 'plain_text', text: 'Roll back' },
              deny: { type: 'plain_text', text: 'Cancel' },
            },
          },
        ],
      },
    ];
    const html = kit.blocks(confirmed, { channel: 'C0INC', ts: '1700000000.000001' });
    expect(html).toContain('data-confirm="Roll back the model?\n\nRoll back fraud-detector from v15 to v14 &lt;&quot;now&quot;&gt;?\n\n[Roll back] / [Cancel]"');
    expect(kit.blocks(blocks, { channel: 'C0INC', ts: '1700000000.000001' })).not.toContain('data-confirm');
  });

  it('renders header, section fields and buttons that click through the message', () => {
    const html = kit.blocks(blocks, { channel: 'C0INC', ts: '1700000000.000001' });
    expect(html).toContain('<div class="b-header">INC-1 &lt;b&gt;SEV1&lt;/b&gt;</div>');
    expect(html).toContain('<b>Severity</b><br>SEV1');
    expect(html).toContain('data-channel="C0INC" data-ts="1700000000.000001" data-action-id="incident:acknowledge">Acknowledge</button>');
    expect(html).toContain('class="btn primary"');
  });

  it('draws buttons disabled without a target, and accessories and context', () => {
    const html = kit.blocks(
      [
        { type: 'section', text: { type: 'mrkdwn', text: '⬜ 1. Check' }, accessory: { type: 'button', action_id: 'checklist:toggle:t-1', text: { type: 'plain_text', text: 'Mark done' } } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: '0 of 13 done' }] },
        { type: 'divider' },
        { type: 'mystery' },
      ],
      null,
    );
    expect(html).toContain('<div class="b-accessory"><button class="btn" disabled>Mark done</button></div>');
    expect(html).toContain('<div class="b-context"><span>0 of 13 done</span></div>');
    expect(html).toContain('<hr class="b-divider">');
    expect(html).toContain('[mystery block]');
  });
});

describe('workspace and modal HTML', () => {
  const state = sampleState();
  const kit = RENDER_PARTS.kitFor(state, RENDER_PARTS);

  it('lists channels and DMs, and shows topic, pins, edits and only the acting user\'s ephemerals', () => {
    const sidebar = RENDER_PARTS.sidebarHtml(state, selection('C0INC', 'U0ALICE'), kit);
    expect(sidebar).toContain('inc-1-fraud');
    expect(sidebar).toContain('DM @alice');
    const pane = RENDER_PARTS.channelHtml(state, selection('C0INC', 'U0ALICE'), kit);
    expect(pane).toContain('SEV1 · triggered · ack by <span class="mention">@alice</span> · INC-1');
    expect(pane).toContain('📌 Pinned');
    expect(pane).toContain('(edited)');
    expect(pane).toContain('Only for alice');
    expect(pane).toContain('Only visible to you');
    expect(pane).not.toContain('Only for bob');
    expect(pane).not.toMatch(/<script|<img/);
  });

  it('picks the busiest channel, acting as the person paged last', () => {
    expect(RENDER_PARTS.defaultSelection(state)).toEqual({ channel: 'C0INC', user: 'U0ALICE', unread: {} });
  });

  it('renders a modal as a form with initial values and errors under their fields', () => {
    const modal: UiModal = {
      id: 'V1',
      user: 'U0ALICE',
      errors: { title: 'Give the incident a <b>title</b>.' },
      view: {
        title: { type: 'plain_text', text: 'Declare an incident' },
        submit: { type: 'plain_text', text: 'Declare' },
        blocks: [
          { type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'title', initial_value: '"><script>x</script>' } },
          { type: 'input', block_id: 'severity', label: { type: 'plain_text', text: 'Severity' }, element: { type: 'static_select', action_id: 'severity', options: [{ value: 'SEV1', text: { type: 'plain_text', text: 'SEV1' } }], initial_option: { value: 'SEV1', text: { type: 'plain_text', text: 'SEV1' } } } },
          { type: 'input', block_id: 'impact', optional: true, label: { type: 'plain_text', text: 'Impact?' }, element: { type: 'radio_buttons', action_id: 'impact', options: [{ value: 'yes', text: { type: 'plain_text', text: 'Yes' } }] } },
          { type: 'input', block_id: 'private', label: { type: 'plain_text', text: 'Visibility' }, element: { type: 'checkboxes', action_id: 'private', options: [{ value: 'private', text: { type: 'plain_text', text: 'Private' } }] } },
          { type: 'input', block_id: 'day', label: { type: 'plain_text', text: 'Day' }, element: { type: 'datepicker', action_id: 'day', initial_date: '2026-11-22' } },
        ],
      },
    };
    const html = RENDER_PARTS.modalToHtml(modal, kit);
    expect(html).toContain('data-view-id="V1"');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain('<option value="SEV1" selected>SEV1</option>');
    expect(html).toContain('type="radio" name="impact/impact" value="yes"');
    expect(html).toContain('type="checkbox" name="private/private" value="private"');
    expect(html).toContain('type="date" data-block="day" data-action="day" data-type="datepicker" value="2026-11-22"');
    expect(html).toContain('<div class="field-error" data-error-for="title">Give the incident a &lt;b&gt;title&lt;/b&gt;.</div>');
    expect(html).toContain('(optional)');
    expect(html).toContain('>Declare</button>');
    expect(html).not.toMatch(/<script|<b>title/);
  });

  it('draws what the person last entered instead of the initial values, and a back arrow on a pushed view', () => {
    const opts = (...values: string[]) => values.map((value) => ({ value, text: { type: 'plain_text', text: value } }));
    const input = (id: string, element: Record<string, unknown>) => ({ type: 'input', block_id: id, label: { type: 'plain_text', text: id }, element: { action_id: id, ...element } });
    const modal: UiModal = {
      id: 'V2',
      user: 'U0ALICE',
      errors: {},
      view: {
        title: { type: 'plain_text', text: 'Draft update' },
        submit: { type: 'plain_text', text: 'Preview' },
        previous_view_id: 'V1',
        blocks: [
          input('summary', { type: 'plain_text_input', initial_value: 'initial', multiline: true }),
          input('note', { type: 'plain_text_input', initial_value: 'emptied by the person' }),
          input('untouched', { type: 'plain_text_input', initial_value: 'kept initial' }),
          input('severity', { type: 'static_select', options: opts('SEV1', 'SEV2'), initial_option: opts('SEV1')[0] }),
          input('impact', { type: 'radio_buttons', options: opts('yes', 'no') }),
          input('flags', { type: 'checkboxes', options: opts('private', 'quiet'), initial_options: opts('private') }),
          input('day', { type: 'datepicker', initial_date: '2026-01-01' }),
        ],
      },
      values: {
        summary: { summary: 'Checkout <b>back</b>' },
        note: { note: null },
        severity: { severity: 'SEV2' },
        impact: { impact: 'no' },
        flags: { flags: ['quiet'] },
        day: { day: '2026-11-22' },
        gone: { gone: 'a block the view no longer has' },
      },
    };
    const html = RENDER_PARTS.modalToHtml(modal, kit);
    expect(html).toContain('>Checkout &lt;b&gt;back&lt;/b&gt;</textarea>');
    expect(html).toContain('data-block="note" data-action="note" data-type="plain_text_input" placeholder="" value=""');
    expect(html).toContain('value="kept initial"');
    expect(html).toContain('<option value="SEV2" selected>');
    expect(html).not.toContain('<option value="SEV1" selected>');
    expect(html).toContain('type="radio" name="impact/impact" value="no" checked');
    expect(html).toContain('type="checkbox" name="flags/flags" value="quiet" checked');
    expect(html).not.toContain('value="private" checked');
    expect(html).toContain('value="2026-11-22"');
    expect(html).not.toContain('a block the view no longer has');
    expect(html).toContain('title="Back"');
    expect(RENDER_PARTS.modalToHtml({ ...modal, view: { ...modal.view, previous_view_id: null } }, kit)).not.toContain('title="Back"');
  });
});

/** Just enough of a browser for the page's script to paint once: elements that keep their markup. */
function fakePage(state: UiState): { elements: Map<string, Record<string, unknown>>; context: Record<string, unknown> } {
  const elements = new Map<string, Record<string, unknown>>();
  const element = (id: string): Record<string, unknown> => {
    let el = elements.get(id);
    if (!el) {
      el = {
        innerHTML: '',
        textContent: id === 'initial-state' ? JSON.stringify(state) : '',
        value: '',
        hidden: false,
        addEventListener: () => undefined,
        querySelector: () => null,
        querySelectorAll: () => [],
      };
      elements.set(id, el);
    }
    return el;
  };
  const document = { getElementById: (id: string) => (id === 'messages' ? null : element(id)), addEventListener: () => undefined };
  const context = {
    document,
    location: { hash: '' },
    history: { replaceState: () => undefined },
    setInterval: () => 0,
    setTimeout: () => 0,
    clearTimeout: () => undefined,
  };
  return { elements, context };
}

describe("the page's bundled script", () => {
  it('paints exactly what the server renders, from the same modules', () => {
    const state = sampleState();
    const { elements, context } = fakePage(state);
    runInNewContext(pageScript(), context);
    const sel = { ...RENDER_PARTS.defaultSelection(state), unread: {} };
    const kit = RENDER_PARTS.kitFor(state, RENDER_PARTS);
    expect(elements.get('sidebar')?.['innerHTML']).toBe(RENDER_PARTS.sidebarHtml(state, sel, kit));
    expect(elements.get('channel')?.['innerHTML']).toBe(RENDER_PARTS.channelHtml(state, sel, kit));
    expect(elements.get('actas')?.['innerHTML']).toBe(RENDER_PARTS.userOptionsHtml(state, sel, kit));
  });

  it('paints the open modal with what the person entered in it', () => {
    const state = sampleState();
    const modal: UiModal = {
      id: 'V1',
      user: 'U0ALICE',
      errors: {},
      values: { title: { title: 'typed before the push' } },
      view: { title: { type: 'plain_text', text: 'Draft' }, submit: { type: 'plain_text', text: 'Go' }, hash: 'h1', blocks: [{ type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'title' } }] },
    };
    state.modals = { U0ALICE: modal };
    const { elements, context } = fakePage(state);
    runInNewContext(pageScript(), context);
    const overlay = String(elements.get('overlay')?.['innerHTML']);
    expect(overlay).toBe(RENDER_PARTS.modalToHtml(modal, RENDER_PARTS.kitFor(state, RENDER_PARTS)));
    expect(overlay).toContain('value="typed before the push"');
  });
});

describe('the page', () => {
  it('keeps hostile message text out of its markup and script', () => {
    const state = sampleState();
    state.messages['C0INC']![0]!.text = `</script><script>alert(1)</script>${HOSTILE_RAW}`;
    const html = pageHtml(state, 'NONCE');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).toContain('inc-1-fraud');
    expect(html).toContain('<script nonce="NONCE">');
    expect(JSON.parse(jsonForScript(state))).toEqual(state);
  });
});
