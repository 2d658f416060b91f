/* Phone page of the Dialoogkaart kit: join a session, follow its steps, send contributions.
 * Plain ES2017, no build step. The server injects window.DK = {code, lang, path, session, t}.
 * Identity (token), drafts and unsent messages live in localStorage, so a reload or a sleeping
 * phone loses nothing; every send carries a client-made id, so resending never duplicates. */
(function () {
  'use strict';
  var DK = window.DK || { code: '', lang: 'nl', path: '/phone-io/socket.io', session: null, t: {} };
  var MAX = 500;
  var ACK_TIMEOUT = 10000;
  var KEY = 'dk.' + DK.code + '.';

  function $(id) { return document.getElementById(id); }
  function t(key, vars) {
    var text = DK.t[key] || key;
    Object.keys(vars || {}).forEach(function (name) { text = text.split('{' + name + '}').join(String(vars[name])); });
    return text;
  }
  function load(name, fallback) {
    try { var raw = localStorage.getItem(KEY + name); return raw === null ? fallback : JSON.parse(raw); } catch (e) { return fallback; }
  }
  function save(name, value) {
    try { if (value === null || value === '') localStorage.removeItem(KEY + name); else localStorage.setItem(KEY + name, JSON.stringify(value)); } catch (e) { /* private mode: keep in memory only */ }
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) { try { return crypto.randomUUID(); } catch (e) { /* insecure context */ } }
    var bytes = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function show(el, on) { el.hidden = !on; }

  var state = {
    session: DK.session, step: null, joined: false, stopped: false,
    mine: {}, outbox: load('outbox', []), flushing: false, editing: null, armed: null
  };

  // static texts
  Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (el) { el.textContent = t(el.getAttribute('data-t')); });
  $('text').placeholder = t('phone.compose.placeholder');

  var socket = io({ path: DK.path, reconnectionDelayMax: 5000, timeout: 10000 });

  function request(event, data) {
    return new Promise(function (resolve) {
      socket.timeout(ACK_TIMEOUT).emit(event, data, function (err, ack) { resolve(err ? null : ack); });
    });
  }

  // connection indicator
  function setConn(kind) {
    var el = $('conn');
    el.className = 'conn ' + kind;
    $('conn-text').textContent = t('phone.conn.' + kind);
  }
  setConn('connecting');
  socket.on('connect', function () { setConn('online'); enter(); });
  socket.on('disconnect', function () { setConn('offline'); });
  socket.on('connect_error', function () { setConn('offline'); });
  function wake() { if (!socket.connected) socket.connect(); }
  document.addEventListener('visibilitychange', function () { if (!document.hidden) wake(); });
  window.addEventListener('online', wake);

  // views
  function view(name) {
    ['loading', 'join', 'room', 'stop'].forEach(function (v) { show($('v-' + v), v === name); });
  }
  function header() {
    var s = state.session;
    $('title').textContent = s ? s.title : t('phone.code', { code: DK.code });
    var named = s && s.anonymity !== 'anonymous';
    $('privacy').textContent = s ? t(named ? 'phone.privacy.named' : 'phone.privacy.anonymous') : '';
  }
  function stop(kind, message) {
    state.stopped = kind !== 'locked';
    state.joined = false;
    var heading = { unknown: 'phone.stop.unknown.heading', ended: 'phone.stop.ended.heading',
      removed: 'phone.stop.removed.heading', locked: 'phone.stop.locked.heading' }[kind];
    $('stop-heading').textContent = t(heading);
    $('stop-text').textContent = kind === 'unknown' ? t('phone.stop.unknown.text', { code: DK.code })
      : kind === 'ended' ? t('phone.stop.ended.text') : message || '';
    show($('retry'), kind === 'locked');
    show($('other'), kind === 'unknown' || kind === 'ended');
    if (kind === 'removed' || kind === 'ended' || kind === 'unknown') { save('token', null); save('outbox', []); state.outbox = []; }
    header();
    view('stop');
  }
  function refused(ack) {
    var reason = ack ? ack.reason : '';
    if (reason === 'unknown_session') stop('unknown');
    else if (reason === 'session_ended') stop('ended');
    else if (reason === 'removed') stop('removed', ack.message);
    else if (reason === 'room_locked') stop('locked', ack.message);
    else return false;
    return true;
  }

  // joining
  async function enter() {
    if (state.stopped) return;
    var token = load('token', null);
    if (token) return join({ code: DK.code, token: token });
    if (!state.session) {
      var found = await request('lookup', { code: DK.code });
      if (!found) return;
      if (!found.ok) { refused(found); return; }
      state.session = found.session;
    }
    header();
    if (state.session.ended) return stop('ended');
    if (state.session.anonymity === 'anonymous') return join({ code: DK.code });
    $('join-title').textContent = state.session.title;
    $('name-label').textContent = t(state.session.anonymity === 'required' ? 'phone.join.name_required' : 'phone.join.name_optional');
    $('name').value = load('name', '');
    view('join');
  }
  async function join(data) {
    var ack = await request('join', data);
    if (!ack) return;
    if (!ack.ok) {
      if (refused(ack)) return;
      if (data.token) { save('token', null); return enter(); }
      $('join-error').textContent = ack.message;
      view('join');
      return;
    }
    save('token', ack.token);
    state.joined = true;
    state.mine = {};
    ack.mine.forEach(function (c) { state.mine[c.id] = c; });
    applyState(ack);
    flush();
  }
  $('join-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var name = $('name').value.trim();
    $('join-error').textContent = '';
    if (state.session && state.session.anonymity === 'required' && !name) { $('join-error').textContent = t('reason.name_required'); return; }
    save('name', name);
    if (socket.connected) join({ code: DK.code, name: name || null });
  });
  $('retry').addEventListener('click', function () { state.stopped = false; view('loading'); if (socket.connected) enter(); else wake(); });

  // live state
  socket.on('state', function (data) { if (state.joined) applyState(data); });
  socket.on('removed', function (data) { stop('removed', data.message); });
  socket.on('gone', function () { stop('unknown'); });
  socket.on('mine', function (c) { if (state.joined) { state.mine[c.id] = c; renderMine(); } });

  function applyState(data) {
    if (data.session.language !== DK.lang) { location.reload(); return; }
    state.session = data.session;
    if (data.session.ended) { stop('ended'); return; }
    var changed = !state.step || state.step.key !== data.step.key;
    if (changed && state.step) saveDraft();
    state.step = data.step;
    header();
    renderStep(changed);
    view('room');
  }
  function renderStep(changed) {
    var step = state.step;
    $('step-pos').textContent = t('phone.step.position', { index: step.index + 1, count: step.count });
    $('step-num').textContent = step.number ? t('phone.step.question', { number: step.number }) : '';
    show($('step-num'), !!step.number);
    $('step-heading').textContent = step.heading;
    $('step-text').textContent = step.text;
    $('step-note').textContent = step.note || '';
    show($('step-note'), !!step.note);
    var status = !step.collects ? 'waiting' : step.input !== 'open' ? step.input : '';
    $('status').textContent = status ? t('phone.' + status) : '';
    $('status').className = 'status ' + status;
    show($('status'), !!status);
    show($('compose'), step.collects && step.input !== 'closed');
    if (changed) { $('text').value = load('draft.' + step.key, ''); hideNotice(); }
    count();
    renderMine();
  }

  // writing and sending
  function saveDraft() { if (state.step) save('draft.' + state.step.key, $('text').value); }
  function count() {
    var n = $('text').value.length;
    var open = state.step && state.step.collects && state.step.input === 'open';
    $('counter').textContent = n + ' / ' + MAX;
    $('counter').className = 'counter' + (n > MAX - 50 ? ' near' : '');
    $('send').disabled = !open || !$('text').value.trim() || n > MAX;
  }
  $('text').addEventListener('input', function () { saveDraft(); count(); });
  $('compose').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('text').value.trim();
    if (!text || !state.step) return;
    queue('contribute', { id: newId(), step: state.step.key, text: text });
    $('text').value = '';
    saveDraft();
    count();
    if (!socket.connected) notice(t('phone.queued'), 'wait');
  });

  var noticeTimer = 0;
  function notice(text, kind) {
    var el = $('notice');
    el.textContent = text;
    el.className = 'notice ' + (kind || '');
    show(el, true);
    clearTimeout(noticeTimer);
    if (kind !== 'bad' && kind !== 'wait') noticeTimer = setTimeout(hideNotice, 4000);
  }
  function hideNotice() { show($('notice'), false); }

  function queue(event, data) {
    state.outbox.push({ event: event, data: data });
    save('outbox', state.outbox);
    renderMine();
    flush();
  }
  async function flush() {
    if (state.flushing) return;
    state.flushing = true;
    try {
      while (state.outbox.length && state.joined && socket.connected) {
        var item = state.outbox[0];
        var ack = await request(item.event, item.data);
        if (!ack) break; // no answer: keep it and try again on the next connect
        state.outbox.shift();
        save('outbox', state.outbox);
        if (ack.ok) {
          state.mine[ack.contribution.id] = ack.contribution;
          if (item.event === 'contribute') notice(t('phone.sent'));
        } else if (ack.reason === 'unknown_participant') {
          state.outbox.unshift(item); // the server forgot this socket: join again, then resend
          save('outbox', state.outbox);
          state.joined = false;
          enter();
          break;
        } else if (!refused(ack)) {
          notice(t('phone.not_sent', { message: ack.message }), 'bad');
          if (item.event === 'contribute' && !$('text').value && state.step && state.step.key === item.data.step) {
            $('text').value = item.data.text;
            saveDraft();
            count();
          }
        }
        renderMine();
      }
    } finally {
      state.flushing = false;
    }
  }
  socket.on('error', function (data) { if (data && data.message) notice(data.message, 'bad'); });

  // own contributions on this step
  function pendingFor(id) {
    return state.outbox.filter(function (item) { return item.data.id === id; });
  }
  function renderMine() {
    var step = state.step;
    var list = $('mine-list');
    list.textContent = '';
    if (!step) return;
    var items = Object.keys(state.mine).map(function (id) { return state.mine[id]; })
      .filter(function (c) { return c.step === step.key && !c.withdrawn; });
    state.outbox.forEach(function (item) {
      if (item.event === 'contribute' && item.data.step === step.key && !state.mine[item.data.id]) {
        items.push({ id: item.data.id, text: item.data.text, created_at: Date.now() / 1000, pending: true });
      }
    });
    items.sort(function (a, b) { return a.created_at - b.created_at; });
    var open = step.collects && step.input === 'open';
    items.forEach(function (c) {
      var queued = pendingFor(c.id);
      var withdrawing = queued.some(function (item) { return item.event === 'withdraw'; });
      if (withdrawing) return;
      var edit = queued.filter(function (item) { return item.event === 'edit'; }).pop();
      var li = document.createElement('li');
      if (state.editing === c.id) {
        var area = document.createElement('textarea');
        area.maxLength = MAX;
        area.value = edit ? edit.data.text : c.text;
        area.setAttribute('aria-label', t('phone.mine.edit'));
        li.appendChild(area);
        li.appendChild(actions([
          [t('phone.mine.save'), 'primary', function () {
            var text = area.value.trim();
            state.editing = null;
            if (text && text !== c.text) queue('edit', { id: c.id, text: text }); else renderMine();
          }],
          [t('phone.mine.cancel'), '', function () { state.editing = null; renderMine(); }]
        ]));
      } else {
        var p = document.createElement('p');
        p.className = 'txt';
        p.textContent = edit ? edit.data.text : c.text;
        li.appendChild(p);
        var tag = c.pending || edit ? t('phone.mine.pending') : c.hidden ? t('phone.mine.hidden') : '';
        if (tag) {
          var small = document.createElement('p');
          small.className = 'tag';
          small.textContent = tag;
          li.appendChild(small);
        }
        if (open && !c.pending) {
          var armed = state.armed === c.id;
          li.appendChild(actions([
            [t('phone.mine.edit'), '', function () { state.editing = c.id; state.armed = null; renderMine(); }],
            [t(armed ? 'phone.mine.withdraw_confirm' : 'phone.mine.withdraw'), 'danger' + (armed ? ' armed' : ''), function () {
              if (state.armed !== c.id) {
                state.armed = c.id;
                renderMine();
                setTimeout(function () { if (state.armed === c.id) { state.armed = null; renderMine(); } }, 4000);
                return;
              }
              state.armed = null;
              queue('withdraw', { id: c.id });
            }]
          ]));
        }
      }
      list.appendChild(li);
    });
    show($('mine'), list.children.length > 0);
  }
  function actions(buttons) {
    var row = document.createElement('div');
    row.className = 'acts';
    buttons.forEach(function (spec) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = spec[0];
      b.className = spec[1];
      b.addEventListener('click', spec[2]);
      row.appendChild(b);
    });
    return row;
  }

  header();
  view('loading');
})();
