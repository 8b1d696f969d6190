// A repair job's track on a Leaflet map (vendor/leaflet), for the admin's
// job page: the rep's positions as a line, where the line starts and where
// it ends (the rep's last known position), and the customer's pin.
//
// Markup: <div id="job-track-map" data-track="[[lat, lng], …]" (oldest
// first) data-pin="[lat, lng]" data-tiles="" data-start-label
// data-end-label data-pin-label dir="ltr">. With a tile URL in data-tiles
// the map shows its tiles; without one it draws a light grid that pans and
// zooms with the map, so it works offline (as ds/map.js does). The admin's
// stylesheet has no map rules, so the grid's look is set here. No inline
// script: the page CSP allows none.
(function () {
  "use strict";
  var doc = document;
  var RIYADH = [24.7136, 46.6753];
  // The design tokens' colours (SVG attributes cannot read CSS variables).
  var LINE = "#0f766e";   // --brand-600
  var START = "#1d4ed8";  // --info-ink
  var END = "#067647";    // --ok-ink
  var PIN = "#b42318";    // --bad-ink

  function read(raw) {
    try { return JSON.parse(raw || "null"); } catch (e) { return null; }
  }

  // [lat, lng] as numbers, or null.
  function point(p) {
    if (!Array.isArray(p) || p.length < 2) return null;
    var lat = Number(p[0]);
    var lng = Number(p[1]);
    if (!isFinite(lat) || !isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
    return [lat, lng];
  }

  var Grid = null;
  function grid(L) {
    if (!Grid) {
      Grid = L.GridLayer.extend({
        createTile: function () {
          var tile = doc.createElement("div");
          var s = tile.style;
          s.boxSizing = "border-box";
          s.borderBlockEnd = "1px solid rgba(15, 118, 110, .16)";
          s.borderInlineEnd = "1px solid rgba(15, 118, 110, .16)";
          s.backgroundImage = "linear-gradient(90deg, rgba(107, 114, 128, .09) 1px, transparent 1px), " +
            "linear-gradient(180deg, rgba(107, 114, 128, .09) 1px, transparent 1px)";
          s.backgroundSize = "32px 32px";
          return tile;
        }
      });
    }
    return new Grid({ tileSize: 128 });
  }

  function dot(L, ll, colour, radius, label) {
    var m = L.circleMarker(ll, {
      radius: radius,
      color: "#ffffff",
      weight: 2,
      fillColor: colour,
      fillOpacity: 1
    });
    if (label) m.bindTooltip(label);
    return m;
  }

  function setup(el) {
    var L = window.L;
    if (!L || el.dataset.trackReady) return;
    el.dataset.trackReady = "1";

    var raw = read(el.dataset.track);
    var line = [];
    if (Array.isArray(raw)) {
      raw.forEach(function (p) {
        var ll = point(p);
        if (ll) line.push(ll);
      });
    }
    var pin = point(read(el.dataset.pin));
    var tiles = el.dataset.tiles || "";

    var map = L.map(el, {
      center: pin || line[line.length - 1] || RIYADH,
      zoom: 14,
      attributionControl: !!tiles
    });
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    } else {
      grid(L).addTo(map);
      el.style.background = "var(--surface-2)";
    }

    var bounds = L.latLngBounds([]);
    if (line.length > 1) {
      var path = L.polyline(line, { color: LINE, weight: 4, opacity: 0.85, lineJoin: "round" }).addTo(map);
      bounds.extend(path.getBounds());
      dot(L, line[0], START, 6, el.dataset.startLabel).addTo(map);
    }
    if (line.length > 0) {
      var last = line[line.length - 1];
      dot(L, last, END, 8, el.dataset.endLabel).addTo(map);
      bounds.extend(last);
    }
    if (pin) {
      dot(L, pin, PIN, 9, el.dataset.pinLabel).addTo(map);
      bounds.extend(pin);
    }

    function fit() {
      map.invalidateSize();
      if (bounds.isValid() && !bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.fitBounds(bounds, { padding: [32, 32], maxZoom: 17 });
      } else if (bounds.isValid()) {
        map.setView(bounds.getCenter(), 15);
      }
    }
    fit();
    // The layout may settle after the fonts load.
    window.addEventListener("load", fit);
  }

  function setupAll(root) {
    var scope = root || doc;
    if (scope.matches && scope.matches("[data-track]")) setup(scope);
    if (scope.querySelectorAll) scope.querySelectorAll("[data-track]").forEach(setup);
  }
  setupAll(doc);
  doc.addEventListener("htmx:load", function (e) { setupAll(e.target); });
})();
