// Charts of the design system, drawn by the vendored Chart.js from the
// data-chart attribute of each <figure class="chart">. The figure also holds a
// table of the same figures for screen readers (the canvas is aria-hidden).
// Right to left, time runs from the right like the text, and the legend and
// tooltips follow the page's direction.
(function () {
  "use strict";
  if (!window.Chart) return;
  var rtl = document.documentElement.dir === "rtl";
  var css = getComputedStyle(document.documentElement);
  function v(name) { return css.getPropertyValue(name).trim(); }
  var palette = ["--chart-1", "--chart-2", "--chart-3", "--chart-4", "--chart-5", "--chart-6"].map(v);
  Chart.defaults.font.family = css.getPropertyValue("--font") || "sans-serif";
  Chart.defaults.color = v("--muted");
  Chart.defaults.borderColor = v("--line");

  function draw(fig) {
    if (fig._chart) fig._chart.destroy();
    var spec;
    try { spec = JSON.parse(fig.dataset.chart); } catch (_) { return; }
    var canvas = fig.querySelector("canvas");
    if (!canvas) return;
    var round = spec.type === "doughnut";
    var fmt = new Intl.NumberFormat(document.documentElement.lang || "en", { maximumFractionDigits: spec.decimals || 0, minimumFractionDigits: spec.decimals || 0, numberingSystem: spec.digits || "latn" });
    var datasets = spec.series.map(function (s, i) {
      var color = s.color ? v(s.color) : palette[i % palette.length];
      return {
        label: s.label,
        data: s.data,
        borderColor: round ? "#fff" : color,
        backgroundColor: round ? s.data.map(function (_, j) { return palette[j % palette.length]; }) : (spec.type === "bar" ? color : color + "22"),
        fill: spec.type === "line" && i === 0,
        tension: 0.25,
        cubicInterpolationMode: "monotone",
        pointRadius: spec.labels.length > 20 ? 0 : 3,
        borderWidth: round ? 2 : 2,
        borderRadius: spec.type === "bar" ? 4 : 0,
        maxBarThickness: 28
      };
    });
    var scales = round ? {} : {
      x: { reverse: rtl, grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true } },
      y: { position: rtl ? "right" : "left", beginAtZero: true, ticks: { callback: function (n) { return fmt.format(n); } } }
    };
    fig._chart = new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: document.documentElement.lang,
        interaction: { mode: "index", intersect: false },
        layout: { padding: { left: 6, right: 14 } },
        scales: scales,
        plugins: {
          legend: { display: round || spec.series.length > 1, position: "bottom", rtl: rtl, textDirection: rtl ? "rtl" : "ltr", labels: { boxWidth: 10, boxHeight: 10 } },
          tooltip: { rtl: rtl, textDirection: rtl ? "rtl" : "ltr", callbacks: { label: function (c) { var n = round ? c.raw : c.parsed.y; return " " + c.dataset.label + ": " + fmt.format(n) + (spec.unit ? " " + spec.unit : ""); } } }
        }
      }
    });
    fig.dataset.drawn = "true";
  }
  function all(root) { (root || document).querySelectorAll("figure.chart[data-chart]").forEach(draw); }
  all();
  document.body.addEventListener("htmx:afterSettle", function (e) { all(e.detail.elt); });
})();
