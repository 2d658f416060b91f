/* Phone page of the Dialoogkaart kit: join a session, follow its steps, send contributions,
 * vote for a role, send an action, mark what the group wrote (one at a time, or in the list).
 * Plain ES2017, no build step. The server injects window.DK = {code, lang, path, session, t, alt}
 * (alt: the texts in the other languages, so a language switch needs no reload).
 * Identity (token), drafts, unsent messages and refused ones ("not sent", to copy or resend) live in
 * localStorage, so a reload or a sleeping phone loses nothing; every send carries a client-made id,
 * so resending never duplicates. */
(function () {
  'use strict';
  var DK = window.DK || { code: '', lang: 'nl', path: '/phone-io/socket.io', session: null, t: {}, alt: {}, beat: 0 };
  // The server's limits (it stays the judge): a contribution, each action field, a name.
  var LIMIT = DK.limits || { text: 500, field: 300, name: 40 };
  var ACK_TIMEOUT = 6000;
  var TRIES = 3; // answers missing while the link is alive, before a send is shown as not sent
  var RETRY = [3000, 6000, 12000, 30000]; // pauses before trying again after no answer or "wait a bit"
  // The server pings every DK.beat ms; hearing nothing for longer (plus slack) means the link is gone,
  // even while the socket still believes it is open (a silent Wi-Fi loss).
  var SILENCE = (DK.beat || 25000) + 2500;
  var KEY = 'dk.' + DK.code + '.';
  var TEXTS = Object.assign({}, DK.alt || {});
  TEXTS[DK.lang] = DK.t;

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
  function plural(key, count, vars) { return t(key + (count === 1 ? '.one' : '.other'), Object.assign({ count: count }, vars)); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Limited fields: a counter, and past the limit a message saying by how much. Nothing typed or
  // pasted is ever cut off; sending waits until it fits. Counted as the server counts: characters
  // (not UTF-16 units) of the composed, trimmed text; a field or name with its spaces collapsed.
  var limits = 0;
  function measure(value, collapse) {
    var text = String(value || '');
    if (text.normalize) text = text.normalize('NFC');
    return Array.from(collapse ? text.replace(/\s+/g, ' ').trim() : text.trim()).length;
  }
  function limit(field, max, collapse) {
    var box = el('p', 'limit');
    box.id = (field.id || 'field' + (++limits)) + '-limit';
    var over = box.appendChild(el('span', 'over'));
    over.setAttribute('aria-live', 'polite');
    box.appendChild(el('span', 'counter'));
    field.parentNode.insertBefore(box, field.nextSibling);
    field.setAttribute('aria-describedby', ((field.getAttribute('aria-describedby') || '') + ' ' + box.id).trim());
    field.dkLimit = { max: max, collapse: collapse, box: box };
    field.addEventListener('input', function () { tooLong(field); });
    tooLong(field);
    return field;
  }
  function tooLong(field) {
    var spec = field.dkLimit;
    var count = measure(field.value, spec.collapse);
    var excess = count - spec.max;
    spec.box.lastChild.textContent = t('phone.limit.count', { count: count, max: spec.max });
    spec.box.className = 'limit' + (excess > 0 ? ' too' : count > spec.max * 0.9 ? ' near' : '');
    spec.box.firstChild.textContent = excess > 0 ? plural('phone.limit.over', excess, { max: spec.max }) : '';
    field.setAttribute('aria-invalid', String(excess > 0));
    return excess > 0;
  }
  // The first of ``fields`` that is too long (focused, so its message is read), or null.
  function firstTooLong(fields) {
    var bad = fields.filter(function (field) { return !field.closest('[hidden]') && tooLong(field); })[0] || null;
    if (bad) bad.focus();
    return bad;
  }

  var state = {
    session: DK.session, step: null, joined: false, stopped: false, offset: 0,
    mine: {}, outbox: load('outbox', []), flushing: false, inflight: null, tries: 0, editing: null, editDraft: {}, armed: null,
    votes: {}, reactions: {}, board: null, texts: {}, seen: {}, kept: load('actions', []), failed: load('failed', [])
  };

  // static texts, again after a language switch
  function staticTexts() {
    document.documentElement.lang = DK.lang;
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (node) { node.textContent = t(node.getAttribute('data-t')); });
    $('text').placeholder = t('phone.compose.placeholder');
  }
  function setLang(lang) {
    if (lang === DK.lang || !TEXTS[lang]) return;
    DK.lang = lang;
    DK.t = TEXTS[lang];
    staticTexts();
    setConn(conn);
  }
  staticTexts();

  var socket = io({ path: DK.path, reconnectionDelayMax: 5000, timeout: 10000 });

  function request(event, data) {
    return new Promise(function (resolve) {
      socket.timeout(ACK_TIMEOUT).emit(event, data, function (err, ack) { resolve(err ? null : ack); });
    });
  }

  // trying again: after no answer or a "wait a bit", with growing pauses; a reconnect tries at once
  var retryTimer = 0;
  function later() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(resume, RETRY[Math.min(state.tries, RETRY.length - 1)]);
    state.tries++;
  }
  function settled() { state.tries = 0; }
  function resume() {
    if (!socket.connected || state.stopped) return;
    if (state.joined) flush();
    else if (current !== 'join') enter();
  }
  function waitNote(message) {
    if (current === 'room') notice(message, 'wait');
    else $('load-note').textContent = message || '';
  }

  // connection indicator: "online" only while the server is heard (any packet, at least its pings)
  var conn = '';
  var heard = 0;
  function setConn(kind) {
    conn = kind;
    // Offline, a pull-down would reload into the browser's error page: keep the page instead.
    document.documentElement.classList.toggle('offline', kind !== 'online');
    $('conn').className = 'conn ' + kind;
    $('conn-text').textContent = t('phone.conn.' + kind);
  }
  function live() { return socket.connected && Date.now() - heard < SILENCE; }
  function hear() {
    heard = Date.now();
    if (socket.connected && conn !== 'online') setConn('online');
  }
  setConn('connecting');
  socket.io.on('open', function () { hear(); socket.io.engine.on('packet', hear); });
  setInterval(function () { if (conn === 'online' && !live()) setConn('offline'); }, 1000);
  socket.on('connect', function () { hear(); setConn('online'); clearTimeout(retryTimer); enter(); });
  socket.on('disconnect', function () { setConn('offline'); });
  socket.on('connect_error', function () { setConn('offline'); });
  function wake() { if (!socket.connected) socket.connect(); }
  document.addEventListener('visibilitychange', function () { if (!document.hidden) wake(); });
  window.addEventListener('online', wake);

  // views
  var current = 'loading';
  function view(name) {
    current = name;
    ['loading', 'join', 'room', 'stop'].forEach(function (v) { show($('v-' + v), v === name); });
    renderKeep();
    renderFailed();
  }
  function header() {
    var s = state.session;
    $('title').textContent = s ? s.title : t('phone.code', { code: DK.code });
    // Where a name goes, per naming mode, as the projector shows it: beside the writer's contributions.
    $('privacy').textContent = s ? t('phone.privacy.' + s.anonymity) : '';
  }
  function stop(kind, message) {
    state.stopped = kind !== 'locked';
    state.joined = false;
    state.ended = kind === 'ended';
    var heading = { unknown: 'phone.stop.unknown.heading', ended: 'phone.stop.ended.heading',
      removed: 'phone.stop.removed.heading', locked: 'phone.stop.locked.heading' }[kind];
    $('stop-heading').textContent = t(heading);
    $('stop-text').textContent = kind === 'unknown' ? t('phone.stop.unknown.text', { code: DK.code })
      : kind === 'ended' ? t('phone.stop.ended.text') : message || '';
    show($('retry'), kind === 'locked');
    show($('other'), kind === 'unknown' || kind === 'ended');
    if (kind === 'removed' || kind === 'ended' || kind === 'unknown') {
      state.outbox.forEach(function (item) { if (item !== state.inflight) keepFailed(item, $('stop-heading').textContent); });
      save('token', null); save('outbox', []); save('last', null); state.outbox = [];
    }
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
      if (!found) { later(); return; }
      if (!found.ok) { if (!refused(found)) { waitNote(found.message); later(); } return; }
      state.session = found.session;
    }
    setLang(state.session.language);
    header();
    if (state.session.ended) return stop('ended');
    if (state.session.anonymity === 'anonymous') return join({ code: DK.code });
    $('join-title').textContent = state.session.title;
    $('name-label').textContent = t(state.session.anonymity === 'required' ? 'phone.join.name_required' : 'phone.join.name_optional');
    $('name-hint').textContent = t('phone.join.shown.' + state.session.anonymity);
    $('name').value = load('name', '');
    tooLong($('name'));
    view('join');
  }
  async function join(data) {
    var ack = await request('join', data);
    if (!ack) { later(); return; }
    if (!ack.ok) {
      if (refused(ack)) return;
      // Only a server that no longer knows the token makes it useless; "removed" stopped above.
      if (data.token && ack.reason === 'unknown_participant') { save('token', null); return enter(); }
      if (data.token || !('name' in data)) { waitNote(ack.message); later(); return; } // keep the identity, try again
      $('join-error').textContent = ack.message;
      view('join');
      return;
    }
    settled();
    $('load-note').textContent = '';
    save('token', ack.token);
    state.joined = true;
    state.mine = {};
    ack.mine.forEach(function (c) { state.mine[c.id] = c; });
    state.votes = ack.votes || {};
    state.reactions = ack.reactions || {};
    applyBoard(ack.board);
    applyState(ack);
    flush();
  }
  limit($('name'), LIMIT.name, true);
  $('join-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var name = $('name').value.trim();
    $('join-error').textContent = '';
    if (firstTooLong([$('name')])) { $('join-error').textContent = t('phone.limit.refused_name'); return; }
    if (state.session && state.session.anonymity === 'required' && !name) { $('join-error').textContent = t('reason.name_required'); return; }
    save('name', name);
    if (socket.connected) join({ code: DK.code, name: name || null });
  });
  $('retry').addEventListener('click', function () { state.stopped = false; view('loading'); if (socket.connected) enter(); else wake(); });

  // live state
  socket.on('state', function (data) { if (state.joined) applyState(data); });
  socket.on('board', function (data) { if (state.joined) { applyBoard(data); renderBoard(); } });
  // How many marks the others' contributions have: only the order of the deck's next cards changes.
  socket.on('seen', function (data) { if (state.board && data.step === state.board.step) Object.assign(state.seen, data.seen); });
  socket.on('removed', function (data) { stop('removed', data.message); });
  socket.on('gone', function () { stop('unknown'); });
  socket.on('mine', function (c) { if (state.joined) { state.mine[c.id] = c; renderMine(); } });

  function applyState(data) {
    setLang(data.session.language);
    state.session = data.session;
    state.offset = data.server_now ? data.server_now - Date.now() / 1000 : 0;
    if (data.session.ended) { stop('ended'); return; }
    var changed = !state.step || state.step.key !== data.step.key;
    if (changed && state.step) saveDraft();
    state.step = data.step;
    header();
    if (changed) state.ownGroup = undefined; // another step: its own groups
    state.showOwn = !!data.show_own_group;
    renderStep(changed);
    view('room');
    renderOwnGroup(); // in the session's language at once
    askOwnGroup();
  }
  function renderStep(changed) {
    var step = state.step;
    // The section, not "step n of m": the count changes once the role (and its questions) is chosen.
    $('step-pos').textContent = t('phone.section.' + step.kind);
    $('step-num').textContent = step.number ? t('phone.step.question', { number: step.number }) : '';
    show($('step-num'), !!step.number);
    $('step-heading').textContent = step.heading;
    $('step-text').textContent = step.text;
    $('step-note').textContent = step.note || '';
    show($('step-note'), !!step.note);
    renderStatus();
    show($('compose'), step.collects && step.input !== 'closed');
    show($('action-extra'), !!step.action);
    $('text-label').textContent = t(step.action ? 'phone.action.label' : 'phone.compose.label');
    $('mine-heading').textContent = t(step.action ? 'phone.mine.heading_action' : 'phone.mine.heading');
    if (changed) {
      $('text').value = load('draft.' + step.key, '');
      $('who').value = load('draft.' + step.key + '.who', '');
      $('outcome').value = load('draft.' + step.key + '.outcome', '');
      hideNotice();
    }
    count();
    renderTimer();
    renderBallot();
    renderMine();
    renderBoard();
    renderKeep();
  }

  function renderStatus() {
    var step = state.step;
    var status = '';
    if (step.kind === 'welcome') status = 'welcome';
    else if (step.votes || step.collects) status = step.input !== 'open' ? step.input : '';
    else if (step.kind !== 'closing' && !boardShown()) status = step.shows ? 'discuss' : 'waiting';
    $('status').textContent = status ? t((step.votes ? 'phone.ballot.' : 'phone.') + status) : '';
    $('status').className = 'status ' + status;
    show($('status'), !!status);
  }

  // One's own opinion group, only while the facilitator lets participants see it, on a step whose
  // contributions are revealed; asked on every state push and every 15 s (groups change as people react).
  var ownTimer = 0;
  function ownGroupOn() { var s = state.step; return !!(state.showOwn && s && s.shows && s.revealed); }
  function askOwnGroup() {
    clearTimeout(ownTimer);
    if (!ownGroupOn()) { state.ownGroup = undefined; renderOwnGroup(); return; }
    ownTimer = setTimeout(askOwnGroup, 15000);
    if (!socket.connected || !state.joined) return;
    var key = state.step.key;
    request('own_group', {}).then(function (ack) {
      if (!ack || !ack.ok || !ownGroupOn() || state.step.key !== key) return;
      state.ownGroup = ack.own_group;
      renderOwnGroup();
    });
  }
  function renderOwnGroup() {
    var box = $('own-group');
    var letter = state.ownGroup;
    var text = !ownGroupOn() || letter === undefined ? '' : letter ? t('phone.own_group.in', { group: letter }) : t('phone.own_group.none');
    if (box.textContent === text) return; // the same line is not read out again
    box.textContent = '';
    if (text) box.appendChild(el('p', 'own-group', text));
  }

  // countdown, on the server's clock (the phone's may be off by minutes)
  var ticker = 0;
  function renderTimer() {
    var step = state.step;
    var on = !!(step && step.timer_ends_at && step.collects && step.input !== 'closed');
    clearTimeout(ticker);
    show($('timer'), on);
    if (!on) return;
    var left = Math.ceil(step.timer_ends_at - (Date.now() / 1000 + state.offset));
    var node = $('timer');
    if (left > 0) {
      var m = Math.floor(left / 60);
      var s = left % 60;
      node.textContent = t('phone.timer.left', { time: m + ':' + (s < 10 ? '0' : '') + s });
      node.className = 'timer';
      ticker = setTimeout(renderTimer, 1000 - (Date.now() % 1000) + 20);
    } else {
      node.textContent = t('phone.timer.over');
      node.className = 'timer over';
    }
  }

  // role ballot
  function myVote() {
    var step = state.step;
    var queued = state.outbox.filter(function (item) { return item.event === 'vote' && item.data.step === step.key; }).pop();
    return queued ? queued.data.role : state.votes[step.key];
  }
  function renderBallot() {
    var step = state.step;
    var on = !!(step && step.votes);
    show($('ballot'), on);
    var box = $('roles');
    box.textContent = '';
    if (!on) return;
    var chosen = myVote();
    var open = step.input === 'open';
    (step.roles || []).forEach(function (role) {
      var b = el('button', 'role' + (chosen === role.number ? ' chosen' : ''));
      b.type = 'button';
      b.disabled = !open;
      b.setAttribute('aria-pressed', String(chosen === role.number));
      b.appendChild(el('span', 'num', String(role.number)));
      b.appendChild(el('span', 'rtitle', role.title));
      b.addEventListener('click', function () {
        if (myVote() === role.number) return;
        state.outbox = state.outbox.filter(function (item) { return item === state.inflight || item.event !== 'vote'; });
        queue('vote', { role: role.number, step: step.key });
      });
      box.appendChild(b);
    });
    var hint = step.role ? t('phone.ballot.chosen', { number: step.role, title: (step.roles || []).filter(function (r) { return r.number === step.role; }).map(function (r) { return r.title; })[0] || '' })
      : open ? t('phone.ballot.hint') : '';
    if (hint) box.appendChild(el('p', 'muted', hint));
  }

  // writing and sending
  function saveDraft() {
    if (!state.step) return;
    save('draft.' + state.step.key, $('text').value);
    if (state.step.action) { save('draft.' + state.step.key + '.who', $('who').value); save('draft.' + state.step.key + '.outcome', $('outcome').value); }
  }
  var composed = [limit($('text'), LIMIT.text, false), limit($('who'), LIMIT.field, true), limit($('outcome'), LIMIT.field, true)];
  function count() {
    var open = state.step && state.step.collects && state.step.input === 'open';
    composed.forEach(tooLong);
    // Too long stays sendable-looking: pressing send then says why it waits and goes to the field.
    $('send').disabled = !open || !$('text').value.trim();
  }
  ['text', 'who', 'outcome'].forEach(function (id) { $(id).addEventListener('input', function () { saveDraft(); count(); }); });
  $('compose').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('text').value.trim();
    if (!text || !state.step) return;
    if (firstTooLong(composed)) { notice(t('phone.limit.refused'), 'bad'); return; }
    var data = { id: newId(), step: state.step.key, text: text };
    if (state.step.action) data.fields = { who: $('who').value.trim(), outcome: $('outcome').value.trim() };
    queue('contribute', data);
    $('text').value = $('who').value = $('outcome').value = '';
    saveDraft();
    count();
    // The send button is now disabled; keyboard and screen reader users land on the confirmation.
    if (state.outbox.some(function (item) { return item.data.id === data.id; })) {
      notice(t(live() && state.joined ? 'phone.sending' : 'phone.queued'), 'wait');
    }
    $('notice').focus();
  });

  var noticeTimer = 0;
  function notice(text, kind) {
    var node = $('notice');
    node.textContent = text;
    node.className = 'notice ' + (kind || '');
    show(node, true);
    var undo = / ?undo/.test(kind || '');
    show($('undo'), undo);
    if (!undo) undoable = null;
    clearTimeout(noticeTimer);
    if (!kind) noticeTimer = setTimeout(hideNotice, 4000);
  }
  function hideNotice() {
    var node = $('notice');
    var focused = document.activeElement === node;
    show(node, false);
    show($('undo'), false);
    undoable = null;
    if (focused && !$('compose').hidden) $('text').focus(); // not back to the page's top
  }

  function queue(event, data) {
    state.outbox.push({ event: event, data: data });
    save('outbox', state.outbox);
    renderMine();
    renderBallot();
    flush();
  }
  function accepted(item, ack) {
    if (item.event === 'vote') { state.votes[ack.step] = ack.role; notice(t('phone.ballot.voted')); return; }
    if (item.event === 'react') { if (ack.kind) state.reactions[ack.id] = ack.kind; else delete state.reactions[ack.id]; return; }
    state.mine[ack.contribution.id] = ack.contribution;
    if (item.event === 'contribute') notice(t(item.restore ? 'phone.withdraw.undone' : 'phone.sent'));
    if (item.event === 'withdraw') withdrawn(ack.contribution);
  }
  function notAccepted(item, ack) {
    var message = item.event === 'vote' && ack.reason === 'input_closed' ? t('phone.ballot.closed') : ack.message;
    notice(t('phone.not_sent', { message: message }), 'bad');
    var data = item.data;
    var step = state.step;
    var open = step && step.key === data.step && step.collects && step.input === 'open';
    if (item.event === 'contribute' && open && !$('text').value) {
      $('text').value = data.text; // refused as typed (too long, empty): back in the box to fix
      if (data.fields) { $('who').value = data.fields.who || ''; $('outcome').value = data.fields.outcome || ''; }
      saveDraft();
      count();
    } else keepFailed(item, message);
  }
  function unqueue(item) {
    state.outbox = state.outbox.filter(function (x) { return x !== item; });
    save('outbox', state.outbox);
  }
  async function flush() {
    if (state.flushing) return;
    state.flushing = true;
    try {
      while (state.outbox.length && state.joined && socket.connected) {
        // Taps may replace queued marks and votes meanwhile, never this one (see react); it leaves
        // the outbox by identity once answered.
        var item = state.inflight = state.outbox[0];
        var sent = Date.now();
        var ack = await request(item.event, item.data);
        state.inflight = null;
        if (!ack) {
          // The server was heard meanwhile, so the link works and only this send went unanswered
          // (a payload it dropped): try it again behind the others, in the end show it as not sent.
          if (heard > sent && live()) { unanswered(item); continue; }
          later(); // no link: keep everything and try again soon
          break;
        }
        if (!ack.ok && ack.reason === 'unknown_participant') {
          state.joined = false; // the server forgot this socket: join again, then resend
          enter();
          break;
        }
        if (!ack.ok && ack.reason === 'rate_limited') { notice(t('phone.rate_limited'), 'wait'); later(); break; }
        if (!ack.ok && ack.reason === 'not_stored') { notice(t('phone.not_stored'), 'wait'); later(); break; }
        settled();
        unqueue(item);
        if (ack.ok) accepted(item, ack);
        else if (refused(ack)) keepFailed(item, ack.message);
        else notAccepted(item, ack);
        renderMine();
        renderBallot();
        renderMarks();
      }
    } finally {
      state.inflight = null;
      state.flushing = false;
    }
  }

  function superseded(item) {
    return state.outbox.some(function (other) {
      return other !== item && other.event === item.event &&
        (item.event === 'vote' || (item.event === 'react' && other.data.id === item.data.id));
    });
  }
  function unanswered(item) {
    item.tries = (item.tries || 0) + 1;
    unqueue(item);
    if (item.tries >= TRIES) {
      delete item.tries;
      notice(t('phone.not_sent', { message: t('phone.no_answer') }), 'bad');
      keepFailed(item, t('phone.no_answer'));
    } else if (!superseded(item)) {
      state.outbox.push(item);
      save('outbox', state.outbox);
    }
    renderMine();
    renderBallot();
    renderMarks();
  }

  // sends the server refused after the fact: kept visible, to copy or send again
  function keepFailed(item, message) {
    if (item.event !== 'contribute' && item.event !== 'edit') return;
    state.failed = state.failed.filter(function (f) { return f.data.id !== item.data.id; });
    state.failed.push({ event: item.event, data: item.data, message: message || '' });
    save('failed', state.failed);
    renderFailed();
  }
  function forget(entry) {
    state.failed = state.failed.filter(function (f) { return f !== entry; });
    save('failed', state.failed.length ? state.failed : null);
    renderFailed();
  }
  function plain(data) {
    var lines = [data.text];
    if (data.fields && data.fields.who) lines.push(t('phone.action.who_line', { text: data.fields.who }));
    if (data.fields && data.fields.outcome) lines.push(t('phone.action.outcome_line', { text: data.fields.outcome }));
    return lines.join('\n');
  }
  function renderFailed() {
    var on = (current === 'room' || current === 'stop') && state.failed.length > 0;
    show($('failed'), on);
    var list = $('failed-list');
    list.textContent = '';
    if (!on) return;
    state.failed.forEach(function (entry) {
      var li = el('li');
      li.appendChild(el('p', 'txt', entry.data.text));
      fieldLines(li, entry.data.fields);
      if (entry.message) li.appendChild(el('p', 'tag', entry.message));
      var buttons = [[t('phone.failed.copy'), 'copy', function () { copyText(plain(entry.data), $('failed-note')); }]];
      if (state.joined) {
        buttons.push([t('phone.failed.retry'), 'primary retry', function () { forget(entry); queue(entry.event, entry.data); }]);
      }
      buttons.push([t('phone.failed.drop'), 'danger', function () { forget(entry); }]);
      li.appendChild(actions(buttons));
      list.appendChild(li);
    });
  }
  socket.on('error', function (data) { if (data && data.message) notice(data.message, 'bad'); });

  // own contributions on this step
  function pendingFor(id) {
    return state.outbox.filter(function (item) { return item.data.id === id; });
  }
  function fieldLines(parent, fields) {
    if (!fields) return;
    if (fields.who) parent.appendChild(el('p', 'field', t('phone.action.who_line', { text: fields.who })));
    if (fields.outcome) parent.appendChild(el('p', 'field', t('phone.action.outcome_line', { text: fields.outcome })));
  }
  // One field of the edit form in a list item, with its limit; what is typed survives a redraw.
  function field(li, key, value, max, label) {
    var input = el('textarea', key === 'text' ? '' : 'short');
    input.rows = key === 'text' ? 4 : 2;
    input.value = key in state.editDraft ? state.editDraft[key] : value || '';
    input.setAttribute('aria-label', label);
    if (key !== 'text') input.placeholder = label;
    input.addEventListener('input', function () { state.editDraft[key] = input.value; });
    li.appendChild(input);
    return limit(input, max, key !== 'text');
  }
  function renderMine() {
    var step = state.step;
    var list = $('mine-list');
    list.textContent = '';
    keepActions();
    if (!step) return;
    remember();
    var items = Object.keys(state.mine).map(function (id) { return state.mine[id]; })
      .filter(function (c) { return c.step === step.key && !c.withdrawn; });
    state.outbox.forEach(function (item) {
      if (item.event === 'contribute' && item.data.step === step.key && !state.mine[item.data.id]) {
        items.push({ id: item.data.id, text: item.data.text, fields: item.data.fields, created_at: Date.now() / 1000, pending: true });
      }
    });
    items.sort(function (a, b) { return a.created_at - b.created_at; });
    var open = step.collects && step.input === 'open';
    items.forEach(function (c) {
      var queued = pendingFor(c.id);
      if (queued.some(function (item) { return item.event === 'withdraw'; })) return;
      var edit = queued.filter(function (item) { return item.event === 'edit'; }).pop();
      var shown = edit ? edit.data : c;
      var li = el('li');
      if (state.editing === c.id) {
        var area = field(li, 'text', shown.text, LIMIT.text, t('phone.mine.edit'));
        var who = null;
        var outcome = null;
        if (step.action) {
          who = field(li, 'who', (shown.fields || {}).who, LIMIT.field, t('phone.action.who'));
          outcome = field(li, 'outcome', (shown.fields || {}).outcome, LIMIT.field, t('phone.action.outcome'));
        }
        li.appendChild(actions([
          [t('phone.mine.save'), 'primary', function () {
            var text = area.value.trim();
            if (firstTooLong([area, who, outcome].filter(Boolean))) return;
            state.editing = null;
            state.editDraft = {};
            if (!text) { renderMine(); return; }
            var data = { id: c.id, text: text };
            if (who) data.fields = { who: who.value.trim(), outcome: outcome.value.trim() };
            queue('edit', data);
          }],
          [t('phone.mine.cancel'), '', function () { state.editing = null; state.editDraft = {}; renderMine(); }]
        ]));
      } else {
        li.appendChild(el('p', 'txt', shown.text));
        fieldLines(li, shown.fields);
        var retrying = queued.some(function (item) { return item.tries; });
        var tag = retrying ? t('phone.mine.retrying') : c.pending || edit ? t('phone.mine.pending')
          : c.hidden ? t('phone.mine.hidden') : '';
        if (tag) li.appendChild(el('p', 'tag', tag));
        if (open && !c.pending) {
          // Withdrawing asks once more (no time limit: "Annuleren" steps back), then says it is done.
          var armed = state.armed === c.id;
          var first = armed ? [t('phone.mine.cancel'), '', function () { state.armed = null; renderMine(); }]
            : [t('phone.mine.edit'), '', function () { state.editing = c.id; state.editDraft = {}; state.armed = null; renderMine(); }];
          li.appendChild(actions([first,
            [t(armed ? 'phone.mine.withdraw_confirm' : 'phone.mine.withdraw'), 'danger' + (armed ? ' armed' : ''), function () {
              if (state.armed !== c.id) {
                state.armed = c.id;
                renderMine();
                $('mine-list').querySelector('button.armed').focus();
                return;
              }
              state.armed = null;
              withdraw(c, shown);
            }]
          ]));
        }
      }
      list.appendChild(li);
    });
    show($('mine'), list.children.length > 0);
  }
  // Withdrawing one's contribution: said in the notice (read out), with a way back while it can be.
  var undoable = null;
  function withdraw(c, shown) {
    undoable = { id: c.id, step: c.step, text: shown.text, fields: shown.fields };
    queue('withdraw', { id: c.id });
    if (pendingFor(c.id).length) notice(t('phone.withdraw.pending'), 'wait undo');
    $('notice').focus();
  }
  function withdrawn(contribution) {
    if (undoable && undoable.id === contribution.id) notice(t('phone.withdraw.done'), 'undo');
  }
  $('undo').addEventListener('click', function () {
    var gone = undoable;
    undoable = null;
    if (!gone) return hideNotice();
    var waiting = state.outbox.filter(function (item) { return item !== state.inflight && item.event === 'withdraw' && item.data.id === gone.id; });
    var step = state.step;
    if (waiting.length) {
      state.outbox = state.outbox.filter(function (item) { return waiting.indexOf(item) < 0; });
      save('outbox', state.outbox);
    } else if (step && step.key === gone.step && step.collects && step.input === 'open') {
      var data = { id: newId(), step: gone.step, text: gone.text };
      if (gone.fields && (gone.fields.who || gone.fields.outcome)) data.fields = { who: gone.fields.who || '', outcome: gone.fields.outcome || '' };
      state.outbox.push({ event: 'contribute', data: data, restore: true });
      save('outbox', state.outbox);
      flush();
    } else { notice(t('phone.withdraw.too_late'), 'bad'); return; }
    renderMine();
    notice(t('phone.withdraw.undone'));
    $('notice').focus();
  });
  function actions(buttons) {
    var row = el('div', 'acts');
    buttons.forEach(function (spec) {
      var b = el('button', spec[1], spec[0]);
      b.type = 'button';
      b.addEventListener('click', spec[2]);
      row.appendChild(b);
    });
    return row;
  }

  // the last step seen and one's own contributions, so that a reload without network still shows them
  function remember() {
    if (!state.joined || !state.session) return;
    var mine = Object.keys(state.mine).map(function (id) { return state.mine[id]; });
    save('last', { session: state.session, step: state.step, mine: mine, votes: state.votes, reactions: state.reactions });
  }
  function restore() {
    var last = load('last', null);
    if (!last || !last.step || !load('token', null)) return;
    state.session = last.session;
    state.step = last.step;
    (last.mine || []).forEach(function (c) { state.mine[c.id] = c; });
    state.votes = last.votes || {};
    state.reactions = last.reactions || {};
    setLang(last.session.language);
    header();
    renderStep(true);
    view('room');
  }

  // the group board: groups, contributions on their own, and this phone's marks
  // What the projector shows, the phone shows: the groups, or the wall (or action list) of cards.
  function applyBoard(data) {
    if (!data) { state.board = null; return; }
    if (data.full) state.seen = data.seen || {};
    if (data.items) return applyWall(data);
    state.texts = data.full ? data.texts : Object.assign(state.texts, data.texts);
    state.board = data;
    var ids = data.alone.concat.apply(data.alone, data.groups.map(function (g) { return g.ids; }));
    if (ids.some(function (id) { return !(id in state.texts); })) askWhole();
  }
  function applyWall(data) {
    var before = state.board;
    var same = before && before.cards && before.step === data.step && before.mode === data.mode;
    if (!data.full && !same) return askWhole(); // a change to a wall this phone does not have
    var cards = data.full ? {} : before.cards;
    if (data.full) state.texts = {};
    data.items.forEach(function (item) { cards[item[0]] = { seq: item[1], fields: item[3] || null }; state.texts[item[0]] = item[2]; });
    data.gone.forEach(function (id) { delete cards[id]; });
    state.board = { step: data.step, mode: data.mode, cards: cards };
  }
  function askWhole() {
    request('board', {}).then(function (ack) { if (ack && ack.ok && ack.board && ack.board.full) { applyBoard(ack.board); renderBoard(); } });
  }
  function boardShown() {
    var b = state.board;
    var step = state.step;
    return !!(b && step && step.revealed && b.step === step.shows);
  }
  function renderBoard() {
    var on = boardShown();
    var box = $('groups');
    show($('board'), on && !(state.board.cards && !Object.keys(state.board.cards).length)); // no empty list
    box.textContent = '';
    if (state.step) renderStatus();
    var actions = on && state.board.mode === 'actions';
    $('board-heading').textContent = t(actions ? 'phone.board.heading_actions' : 'phone.board.heading');
    var ids = on ? candidates() : [];
    // The wall comes one at a time; the facilitator's groups come as a list (there authors place their own).
    var useDeck = ids.length > 0 && (deckFor(state.board.step).view || (state.board.cards ? 'deck' : 'list')) === 'deck';
    show($('board-hint'), !actions && !useDeck);
    show($('deck-switch'), ids.length > 0);
    $('deck-switch').textContent = t(useDeck ? 'phone.deck.list' : 'phone.deck.back');
    show($('deck'), useDeck);
    if (useDeck) return renderDeck(ids);
    if (!on) return;
    if (state.board.cards) { renderWall(box, state.board); renderMarks(); return; }
    var groups = state.board.groups.slice();
    if (state.board.alone.length) groups.push({ id: '', label: t('board.alone'), ids: state.board.alone });
    groups.forEach(function (g) {
      var section = el('section', 'group' + (g.id ? '' : ' alone'));
      section.appendChild(el('h3', '', g.label));
      var ul = el('ul');
      g.ids.forEach(function (id) {
        if (!(id in state.texts)) return;
        var li = el('li');
        li.setAttribute('data-id', id);
        li.appendChild(el('p', 'txt', state.texts[id]));
        li.appendChild(marks(id));
        if (id in state.mine) li.appendChild(ownPlacement(id));
        ul.appendChild(li);
      });
      section.appendChild(ul);
      box.appendChild(section);
    });
    renderMarks();
  }
  function marks(id) {
    var row = el('div', 'marks');
    ['recognise', 'differ'].forEach(function (kind) {
      var b = el('button', 'mark ' + kind, t('board.' + kind));
      b.type = 'button';
      // Named after its contribution: a screen reader otherwise hears the same button on every card.
      b.setAttribute('aria-label', t('phone.mark.label', { mark: t('board.' + kind), text: excerpt(state.texts[id]) }));
      b.setAttribute('data-kind', kind);
      b.addEventListener('click', function () { react(id, kind); });
      row.appendChild(b);
    });
    return row;
  }
  // The wall in the order received, as on the projector; an action with its fields and no marks.
  function renderWall(box, wall) {
    var ul = el('ul', 'wall');
    Object.keys(wall.cards).sort(function (a, b) { return wall.cards[a].seq - wall.cards[b].seq; }).forEach(function (id) {
      var li = el('li');
      li.setAttribute('data-id', id);
      li.appendChild(el('p', 'txt', state.texts[id]));
      if (wall.mode === 'actions') fieldLines(li, wall.cards[id].fields);
      else li.appendChild(marks(id));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  // Own placement: the author says which shown group their contribution belongs to ("eigen geluid": '').
  // The facilitator sees it as a suggestion; the projector does not change until they accept it.
  var ownChoice = load('own', {});
  function ownPlacement(id) {
    var box = el('label', 'own-place');
    box.appendChild(el('span', '', t('phone.own.label')));
    var select = el('select');
    select.appendChild(new Option(t('phone.own.choose'), '-'));
    state.board.groups.forEach(function (g) { select.appendChild(new Option(g.label, g.id)); });
    select.appendChild(new Option(t('board.alone'), ''));
    select.value = id in ownChoice ? ownChoice[id] : '-';
    var note = el('span', 'muted own-note', id in ownChoice ? t('phone.own.sent') : '');
    select.addEventListener('change', function () {
      if (select.value === '-') return;
      var group = select.value;
      request('place_own', { id: id, group: group || null }).then(function (ack) {
        if (ack && ack.ok) { ownChoice[id] = group; save('own', ownChoice); note.textContent = t('phone.own.sent'); }
        else { select.value = id in ownChoice ? ownChoice[id] : '-'; note.textContent = ack ? ack.message : t('phone.own.offline'); }
      });
    });
    box.appendChild(select);
    box.appendChild(note);
    return box;
  }
  function excerpt(text) {
    var words = String(text).replace(/\s+/g, ' ').trim();
    return words.length > 60 ? words.slice(0, 57).replace(/\s+\S*$/, '') + '…' : words;
  }
  function markOf(id) {
    var queued = state.outbox.filter(function (item) { return item.event === 'react' && item.data.id === id; }).pop();
    return queued ? queued.data.kind : state.reactions[id] || null;
  }
  function renderMarks() {
    Array.prototype.forEach.call($('groups').querySelectorAll('li[data-id]'), function (li) {
      var mark = markOf(li.getAttribute('data-id'));
      Array.prototype.forEach.call(li.querySelectorAll('button.mark'), function (b) {
        b.setAttribute('aria-pressed', String(b.getAttribute('data-kind') === mark));
      });
    });
  }
  function react(id, kind) { setMark(id, markOf(id) === kind ? null : kind); }
  function setMark(id, next) {
    state.outbox = state.outbox.filter(function (item) {
      return item === state.inflight || !(item.event === 'react' && item.data.id === id);
    });
    state.outbox.push({ event: 'react', data: { id: id, kind: next } });
    save('outbox', state.outbox);
    renderMarks();
    flush();
  }

  // The deck: the others' contributions one at a time, those the room marked least first. What was
  // skipped, the answers to undo and the card on show are kept per shown step, across reloads.
  var deck = load('deck', null) || {};
  function deckFor(step) {
    if (deck.step !== step) deck = { step: step, skipped: [], history: [], current: null, view: null };
    return deck;
  }
  function candidates() {
    var b = state.board;
    if (b.mode === 'actions') return [];
    var ids = b.cards ? Object.keys(b.cards).sort(function (x, y) { return b.cards[x].seq - b.cards[y].seq; })
      : b.groups.reduce(function (all, g) { return all.concat(g.ids); }, []).concat(b.alone);
    return ids.filter(function (id) { return id in state.texts && !(id in state.mine); });
  }
  // A tie-break that stays put on this phone and differs between phones, so a room starts spread out.
  function spread(id) {
    var text = String(load('token', '')) + id;
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
  }
  function renderDeck(ids) {
    var left = ids.filter(function (id) { return !markOf(id) && deck.skipped.indexOf(id) < 0; });
    if (left.indexOf(deck.current) < 0) {
      left.sort(function (a, b) { return (state.seen[a] || 0) - (state.seen[b] || 0) || spread(a) - spread(b); });
      deck.current = left[0] || null;
    }
    var done = !deck.current;
    show($('card'), !done);
    show($('deck-end'), done);
    show($('answer'), !done);
    show($('d-skip'), !done);
    show($('deck-switch'), !done);
    $('d-undo').disabled = !deck.history.length;
    if (done) {
      var tally = { recognise: 0, differ: 0, skipped: 0, none: 0 };
      ids.forEach(function (id) { tally[markOf(id) || (deck.skipped.indexOf(id) < 0 ? 'none' : 'skipped')]++; });
      $('end-counts').textContent = t('phone.deck.counts', tally);
      show($('d-again'), tally.skipped > 0);
    } else {
      $('card-pos').textContent = t('phone.deck.progress', { position: ids.length - left.length + 1, total: ids.length });
      $('card-txt').textContent = state.texts[deck.current];
      $('card').className = 'card' + (state.texts[deck.current].length > 220 ? ' long' : ''); // less scrolling
    }
    save('deck', deck);
  }
  // After a tap the new card (or the end) takes the focus, so a screen reader reads it out.
  function deckMoved() {
    renderBoard();
    ($('deck-end').hidden ? $('card') : $('end-head')).focus();
  }
  function answer(kind) {
    var id = deck.current;
    if (!id) return;
    deck.history = deck.history.slice(-49).concat([[id, kind, markOf(id)]]);
    deck.current = null;
    if (kind === 'skip') deck.skipped.push(id);
    else setMark(id, kind);
    deckMoved();
  }
  $('d-recognise').addEventListener('click', function () { answer('recognise'); });
  $('d-differ').addEventListener('click', function () { answer('differ'); });
  $('d-skip').addEventListener('click', function () { answer('skip'); });
  $('d-undo').addEventListener('click', function () {
    var last = deck.history.pop();
    if (!last) return;
    deck.skipped = deck.skipped.filter(function (id) { return id !== last[0]; });
    if (last[1] !== 'skip') setMark(last[0], last[2]);
    deck.current = last[0];
    deckMoved();
  });
  $('d-again').addEventListener('click', function () { deck.skipped = []; deckMoved(); });
  function switchTo(view) {
    deck.view = view;
    renderBoard();
    $('deck-switch').focus();
  }
  $('deck-switch').addEventListener('click', function () { switchTo($('deck').hidden ? 'deck' : 'list'); });
  $('d-list').addEventListener('click', function () { switchTo('list'); });

  // the closing: one's own actions, kept on the phone even after the session ends
  function keepActions() {
    var actions = Object.keys(state.mine).map(function (id) { return state.mine[id]; })
      .filter(function (c) { return c.step === 'evaluation.action' && !c.withdrawn; })
      .sort(function (a, b) { return a.created_at - b.created_at; })
      .map(function (c) { return { text: c.text, fields: c.fields || {} }; });
    if (actions.length || state.joined) { state.kept = actions; save('actions', actions.length ? actions : null); }
    renderKeep();
  }
  function renderKeep() {
    var on = (current === 'room' && state.step && state.step.kind === 'closing') || (current === 'stop' && state.ended && state.kept.length > 0);
    show($('keep'), !!on);
    if (!on) return;
    var list = $('keep-list');
    list.textContent = '';
    state.kept.forEach(function (a) {
      var li = el('li');
      li.appendChild(el('p', 'txt', a.text));
      fieldLines(li, a.fields);
      list.appendChild(li);
    });
    show($('keep-none'), !state.kept.length);
    show($('copy'), state.kept.length > 0);
  }
  function keepText() {
    var lines = [t('phone.keep.title', { title: state.session ? state.session.title : '' }), ''];
    state.kept.forEach(function (a, i) {
      lines.push((i + 1) + '. ' + a.text);
      if (a.fields.who) lines.push('   ' + t('phone.action.who_line', { text: a.fields.who }));
      if (a.fields.outcome) lines.push('   ' + t('phone.action.outcome_line', { text: a.fields.outcome }));
    });
    return lines.join('\n');
  }
  function copied(ok, node) {
    node.textContent = t(ok ? 'phone.keep.copied' : 'phone.keep.copy_failed');
    node.className = 'notice' + (ok ? '' : ' bad');
    show(node, true);
  }
  function copyFallback(text, node) {
    var area = el('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.top = '0';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    copied(ok, node);
  }
  function copyText(text, node) {
    // The kit is usually served over plain http on the room's network, where clipboard is missing.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(true, node); }, function () { copyFallback(text, node); });
    } else copyFallback(text, node);
  }
  $('copy').addEventListener('click', function () { copyText(keepText(), $('copy-note')); });

  // An offline copy of the page, where browsers allow service workers (https, or localhost); on a
  // plain-http room network they do not, so there a reload without network is at least warned about.
  function keepOffline() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register('/j/sw.js', { scope: '/j/' })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (reg) { if (reg.active) reg.active.postMessage({ keep: location.pathname }); })
      .catch(function () { /* no offline copy; the page works as before */ });
  }
  window.addEventListener('beforeunload', function (e) {
    var copy = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!copy && !live() && (state.outbox.length || $('text').value.trim())) { e.preventDefault(); e.returnValue = ''; }
  });

  header();
  view('loading');
  restore();
  keepOffline();
})();
