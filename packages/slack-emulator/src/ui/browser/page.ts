/**
 * The page's own script: polling, selection, and sending clicks, commands and modal submissions.
 * It builds no HTML itself: that is the renderer in ../render/, the very modules the server
 * paints the first view with. Bundled by esbuild (scripts/bundlePage.mjs) into
 * dist/browser/page.js, which page.ts inlines; type-checked with the DOM's types
 * (tsconfig.browser.json).
 */
import { RENDER_PARTS as P } from '../render/index.js';
import { HOME_TAB, type Kit, type UiState } from '../render/types.js';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

let state = JSON.parse(byId('initial-state').textContent ?? '{}') as UiState;
let lastJson = '';
const sel = P.defaultSelection(state);
const seen: Record<string, string> = {};
let shownChannel = '';
let modalKey = '';
let usersKey = '';
let toastTimer: ReturnType<typeof setTimeout> | undefined;
/** After a slash command, the next render brings its reply into view, as Slack does. */
let revealReply = false;

// The selection lives in the URL, so a reload (or a shared link) shows the same thing.
const saved = location.hash.slice(1).split('/').map(decodeURIComponent);
if (saved[0]) sel.channel = saved[0];
if (saved[1]) sel.user = saved[1];

function latestTs(id: string): string {
  const list = state.messages[id] ?? [];
  return list.length > 0 ? (list[list.length - 1]?.ts ?? '') : '';
}
// What is already there when the page opens counts as read; only later activity is unread.
for (const c of state.channels) seen[c.id] = latestTs(c.id);

function unread(): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const c of state.channels) {
    const latest = latestTs(c.id);
    if (c.id !== sel.channel && latest && latest > (seen[c.id] ?? '')) out[c.id] = true;
  }
  return out;
}

function render(): void {
  seen[sel.channel] = latestTs(sel.channel);
  sel.unread = unread();
  const kit = P.kitFor(state, P);
  byId('sidebar').innerHTML = P.sidebarHtml(state, sel, kit);
  let box = document.getElementById('messages');
  const atBottom = !box || shownChannel !== sel.channel || box.scrollHeight - box.scrollTop - box.clientHeight < 60;
  const top = box ? box.scrollTop : 0;
  byId('channel').innerHTML = P.channelHtml(state, sel, kit);
  box = document.getElementById('messages');
  if (box) box.scrollTop = atBottom ? box.scrollHeight : top;
  if (revealReply) {
    revealReply = false;
    const replies = document.querySelectorAll<HTMLElement>('#messages .msg.eph');
    replies[replies.length - 1]?.scrollIntoView({ block: 'nearest' });
  }
  shownChannel = sel.channel;
  const users = JSON.stringify(state.users);
  const actAs = byId<HTMLSelectElement>('actas');
  if (users !== usersKey) {
    usersKey = users;
    actAs.innerHTML = P.userOptionsHtml(state, sel, kit);
  }
  actAs.value = sel.user;
  byId('offline').hidden = state.appConnected;
  const channel = state.channels.find((c) => c.id === sel.channel);
  const me = state.users.find((u) => u.id === sel.user);
  byId<HTMLInputElement>('composer-input').placeholder =
    '/incident help' + (channel ? `   (in ${channel.label}${me ? `, as @${me.name}` : ''})` : '');
  // The Home tab has no composer, as in Slack.
  byId('composer').hidden = sel.channel === HOME_TAB;
  renderModal(kit);
  history.replaceState(null, '', `#${encodeURIComponent(sel.channel)}/${encodeURIComponent(sel.user)}`);
}

// A modal is redrawn only when Vigil changes it, so what the person typed survives polling;
// new errors are written into the existing form. Another view (one pushed, or the one below
// shown again) is drawn with what the person last submitted from it (modal.values, kept by the
// server); the same view updated keeps what is in the form now, for the inputs it kept.
function renderModal(kit: Kit): void {
  const modal = state.modals[sel.user];
  const overlay = byId('overlay');
  if (!modal) {
    overlay.hidden = true;
    overlay.innerHTML = '';
    modalKey = '';
    return;
  }
  const key = `${modal.id}|${modal.view['hash'] ?? ''}`;
  if (key !== modalKey) {
    const form = overlay.querySelector<HTMLFormElement>('form.modal');
    const typed = form && form.getAttribute('data-view-id') === modal.id ? fieldValues(form) : {};
    modalKey = key;
    overlay.innerHTML = P.modalToHtml({ ...modal, values: { ...modal.values, ...typed } }, kit);
    overlay.hidden = false;
    overlay.querySelector<HTMLElement>('.field')?.focus();
    return;
  }
  overlay.querySelectorAll('[data-error-for]').forEach((el) => {
    el.textContent = modal.errors[el.getAttribute('data-error-for') ?? ''] ?? '';
  });
}

function toast(message: string): void {
  const el = byId('toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, 6000);
}

async function refresh(): Promise<void> {
  try {
    const text = await (await fetch('/ui/state.json', { cache: 'no-store' })).text();
    if (text === lastJson) return;
    lastJson = text;
    state = JSON.parse(text) as UiState;
    render();
  } catch {
    byId('offline').hidden = false;
  }
}

interface Answer {
  ok: boolean;
  body: { message?: string; error?: string };
}

async function post(path: string, body: unknown): Promise<Answer> {
  let answer: Answer;
  try {
    const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await r.json().catch(() => ({}))) as Answer['body'];
    if (!r.ok) toast(json.message ?? json.error ?? `Vigil answered HTTP ${r.status}`);
    answer = { ok: r.ok, body: json };
  } catch (e) {
    toast(`Request failed: ${e instanceof Error ? e.message : String(e)}`);
    answer = { ok: false, body: {} };
  }
  await refresh();
  return answer;
}

/** Opening the Home tab tells the app, which publishes it for the person looking. */
function openHome(): void {
  void post('/ui/home', { user: sel.user });
}

function select(channelId: string): void {
  sel.channel = channelId;
  if (channelId === HOME_TAB) {
    render();
    openHome();
    return;
  }
  // A DM is read by the person it was sent to: act as them, so Acknowledge is theirs to press.
  const channel = state.channels.find((c) => c.id === channelId);
  const them = channel?.isIm ? state.users.find((u) => u.id === channel.user && !u.isBot) : undefined;
  if (them) sel.user = them.id;
  render();
}

type FieldValue = string | string[] | null;

function fieldValues(form: HTMLFormElement): Record<string, Record<string, FieldValue>> {
  const values: Record<string, Record<string, FieldValue>> = {};
  form.querySelectorAll<HTMLInputElement>('[data-block]').forEach((el) => {
    const type = el.getAttribute('data-type');
    let value: FieldValue;
    if (type === 'checkboxes') {
      value = Array.from(el.querySelectorAll<HTMLInputElement>('input:checked'), (i) => i.value);
    } else if (type === 'radio_buttons') {
      value = el.querySelector<HTMLInputElement>('input:checked')?.value ?? null;
    } else if (type === 'datetimepicker') {
      // Sent as unix seconds, computed here where the local time zone is known.
      value = el.value ? String(Math.floor(new Date(el.value).getTime() / 1000)) : null;
    } else {
      value = el.value === '' ? null : el.value;
    }
    const block = el.getAttribute('data-block') ?? '';
    (values[block] ??= {})[el.getAttribute('data-action') ?? ''] = value;
  });
  return values;
}

/** 📌, Pin and the shortcuts in a message's menu: each names the message it sits on. */
function messageMenuAction(el: HTMLElement): void {
  const at = { user: sel.user, channel: el.getAttribute('data-channel'), ts: el.getAttribute('data-ts') };
  const button = el as HTMLButtonElement;
  button.disabled = true;
  const done = () => {
    button.disabled = false;
  };
  if (el.hasAttribute('data-react')) void post('/ui/react', { ...at, name: el.getAttribute('data-react') }).then(done);
  else if (el.hasAttribute('data-pin')) void post('/ui/pin', at).then(done);
  else void post('/ui/shortcut', { ...at, callbackId: el.getAttribute('data-shortcut') }).then(done);
}

document.addEventListener('click', (ev) => {
  const el = (ev.target as Element).closest<HTMLElement>('[data-goto],[data-click],[data-modal-close],[data-react],[data-pin],[data-shortcut]');
  if (!el) return;
  if (el.hasAttribute('data-react') || el.hasAttribute('data-pin') || el.hasAttribute('data-shortcut')) {
    messageMenuAction(el);
  } else if (el.hasAttribute('data-goto')) {
    ev.preventDefault();
    select(el.getAttribute('data-goto') ?? '');
  } else if (el.hasAttribute('data-click')) {
    // A button with a confirm dialog sends nothing unless the person confirms, as in Slack.
    const question = el.getAttribute('data-confirm');
    if (question !== null && !window.confirm(question)) return;
    const button = el as HTMLButtonElement;
    button.disabled = true;
    void post('/ui/click', {
      user: sel.user,
      channel: el.getAttribute('data-channel'),
      ts: el.getAttribute('data-ts'),
      actionId: el.getAttribute('data-action-id'),
    }).then(() => {
      button.disabled = false;
    });
  } else {
    const form = el.closest('form');
    void post('/ui/close', { user: sel.user, viewId: form?.getAttribute('data-view-id') });
  }
});

document.addEventListener('submit', (ev) => {
  const form = ev.target as HTMLFormElement;
  ev.preventDefault();
  if (form.id === 'composer') {
    const input = byId<HTMLInputElement>('composer-input');
    const text = input.value.trim();
    if (!text) return;
    input.disabled = true;
    // As in Slack: a line starting with / is a command, anything else a message.
    const command = text.startsWith('/');
    void post(command ? '/ui/command' : '/ui/message', { user: sel.user, channel: sel.channel, text }).then((answer) => {
      input.disabled = false;
      if (answer.ok) input.value = '';
      input.focus();
      if (answer.ok && command) {
        revealReply = true;
        render();
      }
    });
  } else if (form.classList.contains('modal')) {
    const button = form.querySelector<HTMLButtonElement>('[type=submit]');
    if (button) button.disabled = true;
    void post('/ui/submit', { user: sel.user, viewId: form.getAttribute('data-view-id'), values: fieldValues(form) }).then(() => {
      if (button) button.disabled = false;
    });
  }
});

document.addEventListener('keydown', (ev) => {
  const form = byId('overlay').querySelector('form');
  if (ev.key === 'Escape' && form) void post('/ui/close', { user: sel.user, viewId: form.getAttribute('data-view-id') });
});

byId<HTMLSelectElement>('actas').addEventListener('change', (ev) => {
  sel.user = (ev.target as HTMLSelectElement).value;
  render();
  // Someone else looking at the Home tab sees their own.
  if (sel.channel === HOME_TAB) openHome();
});

render();
if (sel.channel === HOME_TAB) openHome();
setInterval(() => void refresh(), 1000);
