// Support chat, live: the conversation of a support page (#chat) or the
// staff's support inbox (#support-inbox), over Socket.IO on the namespace
// /ws of the same origin. The socket is opened with a short-lived access
// token that the page's own surface issues for its cookie session (a new
// one for every connection attempt). Messages are written as text
// (textContent), never as HTML. Without JavaScript, or while the socket is
// down, the form posts to the server like any other form.
(function () {
  'use strict';

  // A time in Saudi Arabia (UTC+3), `2025-03-01 14:05`, as the server writes it.
  function when(iso) {
    var d = new Date(new Date(iso).getTime() + 3 * 3600 * 1000);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getUTCFullYear() + '-' + two(d.getUTCMonth() + 1) + '-' + two(d.getUTCDate()) +
      ' ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes());
  }

  function post(url, csrf) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'X-CSRF-Token': csrf }
    });
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // The live state of `root` (connecting, live, offline), shown in #chat-live.
  function stateOf(root) {
    var line = root.querySelector('#chat-live');
    return function (state) {
      root.dataset.live = state;
      var label = root.dataset['label' + state.charAt(0).toUpperCase() + state.slice(1)];
      if (line) {
        line.textContent = label || '';
        line.hidden = false;
      }
    };
  }

  // A socket that asks for a fresh token before each connection attempt and
  // keeps trying, more slowly, when the server refuses or goes away.
  function connect(root, setState, onConnect) {
    var d = root.dataset;
    var socket = io('/ws', {
      // WebSocket first; long polling only where a WebSocket cannot open.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      auth: function (cb) {
        post(d.tokenUrl, d.csrf)
          .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
          .then(function (j) { cb({ token: j.token }); })
          .catch(function () { cb({ token: '' }); });
      }
    });
    var delay = 1000;
    socket.on('connect', function () {
      delay = 1000;
      onConnect(socket);
    });
    socket.on('connect_error', function () {
      setState('offline');
      // A refused handshake is not retried by the client itself.
      if (!socket.active) {
        setTimeout(function () { socket.connect(); }, delay);
        delay = Math.min(delay * 2, 30000);
      }
    });
    socket.on('disconnect', function (reason) {
      setState('offline');
      if (reason === 'io server disconnect') socket.connect();
    });
    return socket;
  }

  function conversation(root) {
    var d = root.dataset;
    var list = root.querySelector('#chat-messages');
    var form = root.querySelector('#chat-form');
    var input = root.querySelector('#chat-body');
    var button = root.querySelector('#chat-send');
    var error = root.querySelector('#chat-error');
    var empty = root.querySelector('#chat-empty');
    var setState = stateOf(root);
    var socket = null;

    function sender(m) {
      if (m.senderId === d.me) return d.labelMe;
      if (d.side !== 'staff') return d.labelSupport;
      if (m.senderName && m.senderName.trim()) return m.senderName;
      return m.senderId === d.customer ? d.labelUnnamed : d.labelSupport;
    }

    function scrollDown() {
      list.scrollTop = list.scrollHeight;
    }

    // Adds a message of this thread once, in the order of its id (ids are
    // UUIDv7: they sort by time). Answers whether it was new.
    function render(m) {
      if (!m || m.threadId !== d.thread || document.getElementById('message-' + m.id)) return false;
      var li = el('li', 'chat-message ' + (m.senderId === d.me ? 'mine' : 'theirs'));
      li.id = 'message-' + m.id;
      li.dataset.id = m.id;
      li.appendChild(el('span', 'chat-sender', sender(m)));
      var body = el('p', 'chat-body', m.body || '');
      body.dir = 'auto';
      li.appendChild(body);
      if (m.attachmentUrl) {
        var a = el('a', 'chat-attachment', d.labelAttachment);
        a.href = m.attachmentUrl.replace(/^\/api\/v1\/media\//, d.mediaBase + '/media/');
        a.target = '_blank';
        a.rel = 'noopener';
        li.appendChild(a);
      }
      var time = el('time', 'chat-time', when(m.createdAt));
      time.dateTime = m.createdAt;
      li.appendChild(time);
      var before = null;
      for (var i = 0; i < list.children.length; i++) {
        if (list.children[i].dataset.id > m.id) { before = list.children[i]; break; }
      }
      list.insertBefore(li, before);
      if (empty) empty.hidden = true;
      scrollDown();
      return true;
    }

    function markRead() {
      if (document.visibilityState !== 'visible' || !list.children.length) return;
      post(d.threadUrl + '/read', d.csrf).catch(function () {});
    }

    // What arrived while the socket was not following the thread.
    function catchUp() {
      fetch(d.threadUrl + '/messages', {
        credentials: 'same-origin',
        redirect: 'manual',
        headers: { Accept: 'application/json' }
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (j) {
          if (!j || !j.data) return;
          var fresh = false;
          j.data.forEach(function (m) {
            if (render(m) && m.senderId !== d.me) fresh = true;
          });
          if (fresh) markRead();
        })
        .catch(function () {});
    }

    socket = connect(root, setState, function (s) {
      s.emit('chat:join', { threadId: d.thread }, function (ack) {
        if (ack && ack.ok) {
          setState('live');
          catchUp();
        } else {
          setState('offline');
        }
      });
    });
    socket.on('chat:message', function (m) {
      if (render(m) && m.senderId !== d.me) markRead();
    });

    form.addEventListener('submit', function (ev) {
      // While the socket is down the form posts itself.
      if (!socket.connected || d.live !== 'live') return;
      ev.preventDefault();
      var body = input.value.trim();
      if (!body) {
        input.focus();
        return;
      }
      button.disabled = true;
      error.hidden = true;
      socket.timeout(10000).emit('chat:message', { threadId: d.thread, message: { body: body } },
        function (err, ack) {
          button.disabled = false;
          if (!err && ack && ack.ok) {
            render(ack.data);
            if (input.value.trim() === body) input.value = '';
            input.focus();
          } else {
            error.textContent = d.labelFailed;
            error.hidden = false;
          }
        });
    });
    // Enter sends, Shift+Enter starts a new line.
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        if (form.requestSubmit) form.requestSubmit(button); else button.click();
      }
    });
    document.addEventListener('visibilitychange', markRead);
    setState('connecting');
    scrollDown();
    markRead();
  }

  // The staff's inbox: a thread with a new message moves to the top with
  // its last message and, for the customer's messages, one more unread.
  function inbox(root) {
    var d = root.dataset;
    var tbody = root.querySelector('#support-threads tbody');
    var empty = root.querySelector('#support-empty');
    var setState = stateOf(root);
    var socket = connect(root, setState, function () { setState('live'); });

    function row(m) {
      var tr = document.getElementById('thread-' + m.threadId);
      if (tr) return tr;
      // A thread the page does not list yet was opened by its customer.
      tr = el('tr', 'thread-row');
      tr.id = 'thread-' + m.threadId;
      tr.dataset.customer = m.senderId;
      var name = el('td');
      var a = el('a', 'thread-link', (m.senderName && m.senderName.trim()) || d.labelUnnamed);
      a.href = d.threadBase + '/' + m.threadId;
      name.appendChild(a);
      tr.appendChild(name);
      var last = el('td', 'thread-last');
      last.dir = 'auto';
      tr.appendChild(last);
      tr.appendChild(el('td', 'thread-at'));
      var unread = el('td');
      unread.appendChild(el('span', 'badge thread-unread', '0'));
      tr.appendChild(unread);
      return tr;
    }

    socket.on('chat:message', function (m) {
      if (!m || !m.threadId) return;
      var tr = row(m);
      var text = m.body || '';
      tr.querySelector('.thread-last').textContent = text.length > 90 ? text.slice(0, 90) + '…' : text;
      tr.querySelector('.thread-at').textContent = when(m.createdAt);
      if (m.senderId === tr.dataset.customer) {
        var badge = tr.querySelector('.thread-unread');
        badge.textContent = String((parseInt(badge.textContent, 10) || 0) + 1);
        badge.classList.add('unread');
      }
      tbody.insertBefore(tr, tbody.firstChild);
      if (empty) empty.hidden = true;
    });
    setState('connecting');
  }

  function start() {
    if (typeof io !== 'function') return;
    var chat = document.getElementById('chat');
    if (chat) conversation(chat);
    var list = document.getElementById('support-inbox');
    if (list) inbox(list);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
