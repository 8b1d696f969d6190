// The rider app's behaviours (no inline script: the page CSP allows none).
//
// 1. Going online needs the phone's position: a form with data-locate asks
//    navigator.geolocation once, fills its hidden lat/lng and submits; a
//    refusal is shown in the element named by data-error.
// 2. While a job is accepted or on the way, #rider-track watches the
//    position and posts {lat, lng} as JSON to its data-url at most once per
//    data-interval ms (3.2 s: the server keeps one position per 3 s, and
//    the margin spares it dropping ours), with the session's CSRF token as
//    htmx sends it (X-CSRF-Token). The server answers {accepted,
//    etaMinutes, dropped}; #share-status says what is happening,
//    #share-count counts the positions sent, #share-eta shows the
//    arrival estimate in minutes.
(function () {
  "use strict";
  var doc = document;

  function digits(text, style) {
    if (style !== "arabic") return String(text);
    return String(text).replace(/[0-9]/g, function (d) {
      return String.fromCharCode(0x0660 + Number(d));
    });
  }

  // ---------------------------------------------------------------- presence

  function locateError(form, message) {
    var box = doc.getElementById(form.dataset.error || "");
    if (box) {
      box.textContent = message || "";
      box.hidden = !message;
    }
    var button = form.querySelector("button[type=submit]");
    if (button) button.removeAttribute("aria-busy");
  }

  doc.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-locate]")) return;
    e.preventDefault();
    var d = form.dataset;
    if (!("geolocation" in navigator)) {
      locateError(form, d.labelUnsupported);
      return;
    }
    var button = form.querySelector("button[type=submit]");
    if (button) {
      if (button.getAttribute("aria-busy") === "true") return;
      button.setAttribute("aria-busy", "true");
    }
    var box = doc.getElementById(d.error || "");
    if (box) {
      box.textContent = d.labelLocating || "";
      box.hidden = !d.labelLocating;
    }
    navigator.geolocation.getCurrentPosition(
      function (pos) {
        form.querySelector("input[name=lat]").value = pos.coords.latitude.toFixed(6);
        form.querySelector("input[name=lng]").value = pos.coords.longitude.toFixed(6);
        if (box) { box.textContent = ""; box.hidden = true; }
        // submit() fires no submit event, so this handler does not run again.
        HTMLFormElement.prototype.submit.call(form);
      },
      function (err) {
        locateError(form, err && err.code === 1 ? d.labelDenied : d.labelUnavailable);
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 }
    );
  });

  // A page restored from the back-forward cache must not keep a busy switch.
  window.addEventListener("pageshow", function () {
    doc.querySelectorAll("form[data-locate] button[aria-busy]").forEach(function (b) {
      b.removeAttribute("aria-busy");
    });
  });

  // ---------------------------------------------------------------- tracking

  function track(root) {
    var d = root.dataset;
    var status = doc.getElementById("share-status");
    var count = doc.getElementById("share-count");
    var eta = doc.getElementById("share-eta");
    var interval = Number(d.interval) || 3000;
    var sent = 0;
    var lastSent = 0;
    var inFlight = false;
    var pending = null;
    var timer = null;
    var watchId = null;
    var stopped = false;
    var wakeLock = null;

    function say(state, label) {
      root.dataset.state = state;
      if (status) status.textContent = label || "";
    }

    function stop(label) {
      stopped = true;
      pending = null;
      if (timer) { clearTimeout(timer); timer = null; }
      if (watchId !== null) { navigator.geolocation.clearWatch(watchId); watchId = null; }
      if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
      say(label === d.labelStopped ? "stopped" : "error", label);
    }

    function later(ms) {
      if (timer || stopped) return;
      timer = setTimeout(function () { timer = null; flush(); }, Math.max(ms, 0));
    }

    function flush() {
      if (stopped || inFlight || !pending) return;
      var wait = lastSent + interval - Date.now();
      if (wait > 0) { later(wait); return; }
      var p = pending;
      pending = null;
      inFlight = true;
      lastSent = Date.now();
      fetch(d.url, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: {
          "Content-Type": "application/json",
          "Accept": "application/json",
          "X-CSRF-Token": d.csrf || ""
        },
        body: JSON.stringify({ lat: p.lat, lng: p.lng })
      })
        .then(function (r) {
          return r.json().catch(function () { return {}; }).then(function (body) {
            return { ok: r.ok, status: r.status, body: body || {} };
          });
        })
        .then(function (res) {
          inFlight = false;
          if (res.ok) {
            sent += 1;
            if (count) count.textContent = digits(sent, d.digits);
            if (res.body.accepted && eta && typeof res.body.etaMinutes === "number") {
              eta.textContent = digits(res.body.etaMinutes, d.digits);
            }
            say("sharing", d.labelSharing);
          } else if (res.status === 0 || res.status === 401 || res.status === 403 ||
                     res.status === 404 || res.status === 409) {
            // Signed out, not this rep's job, or no longer travelling: stop.
            var message = res.body && res.body.error && res.body.error.message;
            stop(res.status === 409 ? d.labelStopped : (message || d.labelFailed));
            return;
          } else {
            var why = res.body && res.body.error && res.body.error.message;
            say("error", why || d.labelFailed);
          }
          if (pending) later(lastSent + interval - Date.now());
        }, function () {
          inFlight = false;
          say("error", d.labelFailed);
          if (pending) later(lastSent + interval - Date.now());
        });
    }

    if (!("geolocation" in navigator)) {
      stop(d.labelUnsupported);
      return;
    }
    say("starting", d.labelStarting);
    watchId = navigator.geolocation.watchPosition(
      function (pos) {
        if (stopped) return;
        pending = { lat: pos.coords.latitude, lng: pos.coords.longitude };
        flush();
      },
      function (err) {
        if (err && err.code === 1) stop(d.labelDenied);
        else say("error", d.labelWaiting);
      },
      { enableHighAccuracy: true, maximumAge: 2000, timeout: 30000 }
    );

    // Keep the screen on while sharing, where the browser allows it.
    function keepAwake() {
      if (stopped || !navigator.wakeLock || doc.visibilityState !== "visible") return;
      navigator.wakeLock.request("screen").then(function (lock) { wakeLock = lock; }, function () {});
    }
    keepAwake();
    doc.addEventListener("visibilitychange", keepAwake);
    window.addEventListener("pagehide", function () {
      if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    });
  }

  function start() {
    var root = doc.getElementById("rider-track");
    if (root && !root._tracking) {
      root._tracking = true;
      track(root);
    }
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})();
