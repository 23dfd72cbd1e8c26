/**
 * The page's own script: polling, selection, and sending clicks, commands and modal submissions.
 * It builds no HTML itself; that is RENDER_PARTS (render/), embedded before it and type-checked.
 * Plain ES2020 in a string because the project compiles for Node, without DOM typings.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var P = RENDER_PARTS;
  var byId = function (id) { return document.getElementById(id); };
  var state = JSON.parse(byId('initial-state').textContent);
  var lastJson = '';
  var sel = P.defaultSelection(state);
  var seen = {};
  var shownChannel = '';
  var modalKey = '';
  var usersKey = '';

  // The selection lives in the URL, so a reload (or a shared link) shows the same thing.
  var saved = location.hash.slice(1).split('/').map(decodeURIComponent);
  if (saved[0]) sel.channel = saved[0];
  if (saved[1]) sel.user = saved[1];

  function latestTs(id) {
    var list = state.messages[id] || [];
    return list.length ? list[list.length - 1].ts : '';
  }
  // What is already there when the page opens counts as read; only later activity is unread.
  state.channels.forEach(function (c) { seen[c.id] = latestTs(c.id); });

  function unread() {
    var out = {};
    state.channels.forEach(function (c) {
      var latest = latestTs(c.id);
      if (c.id !== sel.channel && latest && latest > (seen[c.id] || '')) out[c.id] = true;
    });
    return out;
  }

  function render() {
    seen[sel.channel] = latestTs(sel.channel);
    sel.unread = unread();
    var kit = P.kitFor(state, P);
    byId('sidebar').innerHTML = P.sidebarHtml(state, sel, kit);
    var box = byId('messages');
    var atBottom = !box || shownChannel !== sel.channel || box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    var top = box ? box.scrollTop : 0;
    byId('channel').innerHTML = P.channelHtml(state, sel, kit);
    box = byId('messages');
    if (box) box.scrollTop = atBottom ? box.scrollHeight : top;
    shownChannel = sel.channel;
    var users = JSON.stringify(state.users);
    if (users !== usersKey) { usersKey = users; byId('actas').innerHTML = P.userOptionsHtml(state, sel, kit); }
    byId('actas').value = sel.user;
    byId('offline').hidden = state.appConnected;
    var channel = state.channels.find(function (c) { return c.id === sel.channel; });
    var me = state.users.find(function (u) { return u.id === sel.user; });
    byId('composer-input').placeholder = '/incident help' + (channel ? '   (in ' + channel.label + (me ? ', as @' + me.name : '') + ')' : '');
    renderModal(kit);
    history.replaceState(null, '', '#' + encodeURIComponent(sel.channel) + '/' + encodeURIComponent(sel.user));
  }

  // A modal is redrawn only when Vigil changes it, so what the person typed survives polling;
  // new errors are written into the existing form.
  function renderModal(kit) {
    var modal = state.modals[sel.user];
    var overlay = byId('overlay');
    if (!modal) {
      overlay.hidden = true;
      overlay.innerHTML = '';
      modalKey = '';
      return;
    }
    var key = modal.id + '|' + (modal.view.hash || '');
    if (key !== modalKey) {
      modalKey = key;
      overlay.innerHTML = P.modalToHtml(modal, kit);
      overlay.hidden = false;
      var first = overlay.querySelector('.field');
      if (first && first.focus) first.focus();
      return;
    }
    overlay.querySelectorAll('[data-error-for]').forEach(function (el) {
      el.textContent = modal.errors[el.getAttribute('data-error-for')] || '';
    });
  }

  function toast(message) {
    var el = byId('toast');
    el.textContent = message;
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { el.hidden = true; }, 6000);
  }

  function refresh() {
    return fetch('/ui/state.json', { cache: 'no-store' })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        if (text === lastJson) return;
        lastJson = text;
        state = JSON.parse(text);
        render();
      })
      .catch(function () { byId('offline').hidden = false; });
  }

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (json) {
          if (!r.ok) toast((json && (json.message || json.error)) || ('Vigil answered HTTP ' + r.status));
          return { ok: r.ok, body: json };
        });
      })
      .catch(function (e) { toast('Request failed: ' + e.message); return { ok: false, body: {} }; })
      .then(function (answer) { return refresh().then(function () { return answer; }); });
  }

  function select(channelId) {
    sel.channel = channelId;
    // A DM is read by the person it was sent to: act as them, so Acknowledge is theirs to press.
    var channel = state.channels.find(function (c) { return c.id === channelId; });
    var them = channel && channel.isIm && state.users.find(function (u) { return u.id === channel.user && !u.isBot; });
    if (them) sel.user = them.id;
    render();
  }

  function fieldValues(form) {
    var values = {};
    form.querySelectorAll('[data-block]').forEach(function (el) {
      var type = el.getAttribute('data-type');
      var value;
      if (type === 'checkboxes') {
        value = Array.prototype.map.call(el.querySelectorAll('input:checked'), function (i) { return i.value; });
      } else if (type === 'radio_buttons') {
        var checked = el.querySelector('input:checked');
        value = checked ? checked.value : null;
      } else if (type === 'datetimepicker') {
        // Sent as unix seconds, computed here where the local time zone is known.
        value = el.value ? String(Math.floor(new Date(el.value).getTime() / 1000)) : null;
      } else {
        value = el.value === '' ? null : el.value;
      }
      var block = el.getAttribute('data-block');
      values[block] = values[block] || {};
      values[block][el.getAttribute('data-action')] = value;
    });
    return values;
  }

  document.addEventListener('click', function (ev) {
    var el = ev.target.closest('[data-goto],[data-click],[data-modal-close]');
    if (!el) return;
    if (el.hasAttribute('data-goto')) {
      ev.preventDefault();
      select(el.getAttribute('data-goto'));
    } else if (el.hasAttribute('data-click')) {
      el.disabled = true;
      post('/ui/click', {
        user: sel.user,
        channel: el.getAttribute('data-channel'),
        ts: el.getAttribute('data-ts'),
        actionId: el.getAttribute('data-action-id'),
      }).then(function () { el.disabled = false; });
    } else {
      var form = el.closest('form');
      post('/ui/close', { user: sel.user, viewId: form.getAttribute('data-view-id') });
    }
  });

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    ev.preventDefault();
    if (form.id === 'composer') {
      var input = byId('composer-input');
      var text = input.value.trim();
      if (!text) return;
      input.disabled = true;
      post('/ui/command', { user: sel.user, channel: sel.channel, text: text }).then(function (answer) {
        input.disabled = false;
        if (answer.ok) input.value = '';
        input.focus();
      });
    } else if (form.classList.contains('modal')) {
      var button = form.querySelector('[type=submit]');
      if (button) button.disabled = true;
      post('/ui/submit', { user: sel.user, viewId: form.getAttribute('data-view-id'), values: fieldValues(form) }).then(function () {
        if (button) button.disabled = false;
      });
    }
  });

  document.addEventListener('keydown', function (ev) {
    var form = byId('overlay').querySelector('form');
    if (ev.key === 'Escape' && form) post('/ui/close', { user: sel.user, viewId: form.getAttribute('data-view-id') });
  });

  byId('actas').addEventListener('change', function (ev) {
    sel.user = ev.target.value;
    render();
  });

  render();
  setInterval(refresh, 1000);
})();
`;
