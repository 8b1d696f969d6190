// The customer's order page, live: <div id="order-live" data-order
// data-token-url data-csrf hidden>. Over the customer's Socket.IO
// connection (namespace /ws of the same origin, vendor/socket.io), opened as
// ds/track.js opens it (a short-lived token that the app issues for its
// cookie session, asked for again before every connection attempt), each
// `shipment:status` of that order fires `shipment-status` on <body>, and the
// delivery card (#order-tracking, hx-trigger="shipment-status from:body")
// reloads itself through htmx; after a reconnection it reloads once too.
// data-live on the root says how the socket is: connecting, live, offline.
//
// No inline script: the page CSP allows none.
(function () {
  "use strict";
  var doc = document;

  function post(url, csrf) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRF-Token": csrf || "" }
    });
  }

  function refresh() {
    doc.body.dispatchEvent(new CustomEvent("shipment-status"));
  }

  function start() {
    var root = doc.getElementById("order-live");
    if (!root || root.dataset.liveReady) return;
    root.dataset.liveReady = "1";
    var d = root.dataset;
    if (typeof window.io !== "function" || !d.tokenUrl || !d.order) return;
    d.live = "connecting";
    var socket = window.io("/ws", {
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      auth: function (cb) {
        post(d.tokenUrl, d.csrf)
          .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
          .then(function (j) { cb({ token: j.token }); })
          .catch(function () { cb({ token: "" }); });
      }
    });
    var delay = 1000;
    var first = true;
    socket.on("connect", function () {
      delay = 1000;
      d.live = "live";
      // Steps that came while the socket was away.
      if (!first) refresh();
      first = false;
    });
    socket.on("connect_error", function () {
      d.live = "offline";
      if (!socket.active) {
        setTimeout(function () { socket.connect(); }, delay);
        delay = Math.min(delay * 2, 30000);
      }
    });
    socket.on("disconnect", function (reason) {
      d.live = "offline";
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("shipment:status", function (s) {
      if (s && String(s.orderId) === d.order) refresh();
    });
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
