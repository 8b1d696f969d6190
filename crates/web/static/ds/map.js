// A location picker on a Leaflet map (vendor/leaflet), for the customer's
// address form: tapping the map drops the pin, dragging the pin moves it,
// and both fill the latitude and longitude fields; typing coordinates moves
// the pin. "Use my location" asks the browser (navigator.geolocation).
//
// Markup: <div data-map data-lat="#lat-input" data-lng="#lng-input"
// data-center-lat data-center-lng data-tiles="" data-pin-label> holding a
// `.map` element (dir="ltr") and a `.map-offline` note; a `[data-locate]`
// button and a `.map-status` area in the same fieldset or form. With a tile
// URL in data-tiles the map shows its tiles; without one (no tile server is
// configured) it draws a light grid that pans and zooms with the map, so it
// works offline. No inline script: the page CSP allows none.
(function () {
  "use strict";
  var doc = document;
  var RIYADH = [24.7136, 46.6753];

  // A coordinate typed in any digits (Arabic-Indic too), or null.
  function parse(raw) {
    var s = String(raw || "").trim()
      .replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); })
      .replace(/[\u06F0-\u06F9]/g, function (d) { return String(d.charCodeAt(0) - 0x06F0); })
      .replace(/\u066B/g, ".");
    if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
    var v = parseFloat(s);
    return isFinite(v) ? v : null;
  }

  function valid(lat, lng) {
    return lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
  }

  // Six decimals: about 11 cm, more than a door needs.
  function fixed(v) { return (Math.round(v * 1e6) / 1e6).toFixed(6); }

  var Grid = null;
  function grid() {
    if (!Grid) {
      Grid = window.L.GridLayer.extend({
        createTile: function () {
          var tile = doc.createElement("div");
          tile.className = "map-grid-tile";
          return tile;
        }
      });
    }
    return new Grid({ tileSize: 128 });
  }

  function setup(box) {
    var L = window.L;
    if (!L || box.dataset.mapReady) return;
    box.dataset.mapReady = "1";
    var latInput = doc.querySelector(box.dataset.lat);
    var lngInput = doc.querySelector(box.dataset.lng);
    var el = box.querySelector(".map");
    if (!latInput || !lngInput || !el) return;
    var scope = box.closest("fieldset, form") || doc;
    var status = scope.querySelector(".map-status");
    var locate = scope.querySelector("[data-locate]");
    var tiles = box.dataset.tiles || "";
    var label = box.dataset.pinLabel || "";

    var lat = parse(latInput.value);
    var lng = parse(lngInput.value);
    var pinned = valid(lat, lng);
    var cLat = parse(box.dataset.centerLat);
    var cLng = parse(box.dataset.centerLng);
    var center = pinned ? [lat, lng] : (valid(cLat, cLng) ? [cLat, cLng] : RIYADH);

    var map = L.map(el, {
      center: center,
      zoom: pinned ? 16 : 13,
      attributionControl: !!tiles
    });
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: box.dataset.attribution || "" }).addTo(map);
      box.classList.add("has-tiles");
    } else {
      grid().addTo(map);
      box.classList.add("offline");
    }

    var marker = null;
    function say(text) { if (status) status.textContent = text || ""; }
    function fill(ll) {
      latInput.value = fixed(ll.lat);
      lngInput.value = fixed(ll.lng);
      [latInput, lngInput].forEach(function (input) {
        input.removeAttribute("aria-invalid");
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
    }
    function place(ll, pan) {
      if (!marker) {
        marker = L.marker(ll, { draggable: true, keyboard: true, title: label, alt: label, autoPan: true });
        marker.on("dragend", function () { fill(marker.getLatLng()); });
        marker.addTo(map);
      } else {
        marker.setLatLng(ll);
      }
      box.classList.add("pinned");
      if (pan) map.panTo(ll);
    }

    if (pinned) place([lat, lng], false);
    map.on("click", function (e) {
      place(e.latlng, false);
      fill(e.latlng);
      say("");
    });

    function typed() {
      var a = parse(latInput.value);
      var b = parse(lngInput.value);
      if (valid(a, b)) place([a, b], true);
    }
    latInput.addEventListener("change", typed);
    lngInput.addEventListener("change", typed);

    if (locate && navigator.geolocation) {
      locate.hidden = false;
      locate.addEventListener("click", function () {
        say(locate.dataset.locating);
        locate.disabled = true;
        navigator.geolocation.getCurrentPosition(function (pos) {
          var ll = L.latLng(pos.coords.latitude, pos.coords.longitude);
          map.setView(ll, 17);
          place(ll, false);
          fill(ll);
          locate.disabled = false;
          say(locate.dataset.located);
        }, function () {
          locate.disabled = false;
          say(locate.dataset.failed);
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    }

    // The layout may settle after the fonts load.
    window.addEventListener("load", function () { map.invalidateSize(); });
  }

  function setupAll(root) {
    (root || doc).querySelectorAll("[data-map]").forEach(setup);
  }
  setupAll(doc);
  doc.addEventListener("htmx:load", function (e) { setupAll(e.target); });
})();
