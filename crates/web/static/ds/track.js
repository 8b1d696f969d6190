// The customer's live repair pages, over the customer's Socket.IO
// connection (namespace /ws of the same origin, vendor/socket.io), opened as
// static/chat.js opens it: with a short-lived token that the app issues for
// its cookie session, asked for again before every connection attempt.
//
// 1. A repair request's page: <div id="repair-live" data-request
//    data-token-url data-csrf hidden>. Each `repair:offer` of that request
//    fires `repair-offer` on <body>, and the offers fragment
//    (#repair-offers, hx-trigger="repair-offer from:body") reloads itself
//    through htmx; after a reconnection it reloads once too.
//    data-live on the root says how the socket is: connecting, live, offline.
//
// 2. A repair job's page: the map element itself,
//    <div id="job-map" data-job data-status data-lat data-lng
//    data-rep-lat data-rep-lng data-tiles="" data-pin-label data-rep-label
//    data-token-url data-csrf dir="ltr">, on a Leaflet map
//    (vendor/leaflet): the customer's pin, and the rep's marker at the last
//    known position, moved (with its trail) on each `rep:location` of the
//    job. Every position is also written to #rep-marker-lat and
//    #rep-marker-lng (value, text and attribute) and to the map's
//    data-rep-lat / data-rep-lng. #job-eta shows the ETA from its plural
//    forms (data-eta-zero … data-eta-other, the number written {n},
//    chosen with Intl.PluralRules) in the page's digits (data-digits).
//    A `repair:status` of the job that changes its status reloads the page.
//    data-live on the map says how the socket is: connecting, live, offline.
//    With a tile URL in data-tiles the map shows its tiles; without one it
//    draws a light grid that pans and zooms with the map (as ds/map.js
//    does), so it works offline.
//
// No inline script: the page CSP allows none.
(function () {
  "use strict";
  var doc = document;
  var RIYADH = [24.7136, 46.6753];
  var LINE = "#0f766e"; // --brand-600 (SVG attributes cannot read CSS variables)

  function post(url, csrf) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRF-Token": csrf || "" }
    });
  }

  // The customer's socket: a fresh token before each connection attempt;
  // refused handshakes are tried again, more and more slowly.
  // The root element says how the socket is (data-live: connecting, live,
  // offline), so that people and tests can wait for it.
  function connect(root, onConnect) {
    var d = root.dataset;
    if (typeof window.io !== "function" || !d.tokenUrl) return null;
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
      var again = !first;
      first = false;
      if (onConnect) onConnect(socket, again);
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
    return socket;
  }

  // ------------------------------------------------------------ offers

  function offers(root) {
    var d = root.dataset;
    function refresh() {
      // htmx listens for it (hx-trigger="repair-offer from:body").
      doc.body.dispatchEvent(new CustomEvent("repair-offer"));
    }
    var socket = connect(root, function (s, again) {
      // Offers made while the socket was away.
      if (again) refresh();
    });
    if (!socket) return;
    socket.on("repair:offer", function (o) {
      if (o && String(o.requestId) === d.request) refresh();
    });
  }

  // ------------------------------------------------------------ job

  function num(v) {
    if (v === undefined || v === null || String(v).trim() === "") return null;
    var n = Number(v);
    return isFinite(n) ? n : null;
  }

  function digits(n, style) {
    var s = String(n);
    if (style !== "arabic") return s;
    return s.replace(/[0-9]/g, function (c) { return String.fromCharCode(0x0660 + Number(c)); });
  }

  var Grid = null;
  function grid(L) {
    if (!Grid) {
      Grid = L.GridLayer.extend({
        createTile: function () {
          var tile = doc.createElement("div");
          tile.className = "map-grid-tile";
          return tile;
        }
      });
    }
    return new Grid({ tileSize: 128 });
  }

  // Writes a coordinate where the page (and its tests) read it.
  function output(el, value) {
    if (!el) return;
    var s = String(value);
    if ("value" in el) el.value = s;
    el.textContent = s;
    el.setAttribute("value", s);
    el.setAttribute("data-value", s);
  }

  // The ETA sentence for `minutes`, its number isolated (<bdi>).
  function eta(el, minutes) {
    if (!el || minutes === null) return;
    var lang = doc.documentElement.lang || "ar";
    var category = "other";
    try { category = new Intl.PluralRules(lang).select(minutes); } catch (e) { /* keep "other" */ }
    var form = el.getAttribute("data-eta-" + category) || el.getAttribute("data-eta-other");
    if (!form) return;
    var at = form.indexOf("{n}");
    var text = el.querySelector(".eta-text");
    if (!text) {
      text = doc.createElement("span");
      text.className = "eta-text";
      el.appendChild(text);
    }
    while (text.firstChild) text.removeChild(text.firstChild);
    if (at < 0) {
      text.appendChild(doc.createTextNode(form));
    } else {
      text.appendChild(doc.createTextNode(form.slice(0, at)));
      var b = doc.createElement("bdi");
      b.textContent = digits(minutes, el.dataset.digits);
      text.appendChild(b);
      text.appendChild(doc.createTextNode(form.slice(at + 3)));
    }
    el.dataset.minutes = String(minutes);
  }

  function repMarker(L, label) {
    return L.marker([0, 0], {
      icon: L.divIcon({
        className: "rep-marker",
        html: '<svg class="icon" aria-hidden="true" focusable="false">' +
          '<use href="/static/vendor/icons/sprite.svg#car"></use></svg>',
        iconSize: [34, 34],
        iconAnchor: [17, 17]
      }),
      title: label,
      alt: label,
      keyboard: false,
      zIndexOffset: 1000
    });
  }

  function job(el) {
    if (el.dataset.trackReady) return;
    el.dataset.trackReady = "1";
    var d = el.dataset;
    var L = window.L;
    var latOut = doc.getElementById("rep-marker-lat");
    var lngOut = doc.getElementById("rep-marker-lng");
    var etaEl = doc.getElementById("job-eta");
    var waiting = doc.getElementById("rep-no-position");

    var lat = num(d.lat);
    var lng = num(d.lng);
    var here = lat !== null && lng !== null ? [lat, lng] : RIYADH;
    var map = null;
    var rep = null;
    var trail = null;

    if (L) {
      var tiles = d.tiles || "";
      map = L.map(el, { center: here, zoom: 14, attributionControl: !!tiles });
      var box = el.closest(".map-box");
      if (tiles) {
        L.tileLayer(tiles, { maxZoom: 19, attribution: d.attribution || "" }).addTo(map);
        if (box) box.classList.add("has-tiles");
      } else {
        grid(L).addTo(map);
        if (box) box.classList.add("offline");
      }
      L.marker(here, { title: d.pinLabel || "", alt: d.pinLabel || "", keyboard: false }).addTo(map);
      window.addEventListener("load", function () { map.invalidateSize(); });
    }

    function both(ll) {
      return L.latLngBounds([here, ll]);
    }

    // The rep is at (a, b): the outputs first (they hold without a map too).
    function show(a, b, follow) {
      output(latOut, a);
      output(lngOut, b);
      el.setAttribute("data-rep-lat", String(a));
      el.setAttribute("data-rep-lng", String(b));
      if (waiting) waiting.hidden = true;
      if (!map) return;
      var ll = L.latLng(a, b);
      if (!rep) {
        rep = repMarker(L, d.repLabel || "").setLatLng(ll).addTo(map);
        trail = L.polyline([ll], { color: LINE, weight: 3, opacity: 0.6 }).addTo(map);
        map.fitBounds(both(ll), { padding: [40, 40], maxZoom: 16 });
      } else {
        rep.setLatLng(ll);
        trail.addLatLng(ll);
        if (follow && !map.getBounds().pad(-0.1).contains(ll)) {
          map.fitBounds(both(ll), { padding: [40, 40], maxZoom: 16 });
        }
      }
    }

    // Resume where the rep was last seen.
    var rLat = num(d.repLat);
    var rLng = num(d.repLng);
    if (rLat !== null && rLng !== null) show(rLat, rLng, false);

    var socket = connect(el, null);
    if (!socket) return;
    socket.on("rep:location", function (p) {
      if (!p || String(p.jobId) !== d.job) return;
      var a = num(p.lat);
      var b = num(p.lng);
      if (a === null || b === null) return;
      show(a, b, true);
      eta(etaEl, num(p.etaMinutes));
    });
    socket.on("repair:status", function (s) {
      if (!s || String(s.id) !== d.job || !s.status || s.status === d.status) return;
      // Another step: the page shows what it allows now.
      window.location.reload();
    });
  }

  function start() {
    var live = doc.getElementById("repair-live");
    if (live) offers(live);
    var map = doc.getElementById("job-map");
    if (map) job(map);
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
