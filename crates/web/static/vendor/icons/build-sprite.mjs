#!/usr/bin/env node
// Rebuilds sprite.svg from an unpacked @tabler/icons npm package.
//
// Not used at build or run time: sprite.svg is committed. Run it only to change
// the icon list or to move to another @tabler/icons version:
//
//   cd /tmp/x && npm pack @tabler/icons@3.54.0 && tar xzf tabler-icons-3.54.0.tgz
//   node crates/web/static/vendor/icons/build-sprite.mjs /tmp/x/package
//
// Usage: node build-sprite.mjs <path-to-@tabler/icons-package> [output.svg]
// The output defaults to sprite.svg next to this script. Node built-ins only.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Outline icons, in sprite order. The symbol id is the tabler name.
const OUTLINE = `
home dashboard users user user-circle user-shield building-store building
package packages box car category list list-details shopping-cart receipt
receipt-2 file-invoice truck truck-delivery wallet cash credit-card coin
chart-bar chart-line chart-pie report-money discount ticket gift star
message messages message-circle headset bell bell-ringing speakerphone mail
inbox clipboard-list history shield-check lock key settings adjustments
search filter sort-ascending sort-descending arrows-sort download upload
file-upload photo photo-off plus minus edit pencil trash x check checks
circle-check alert-triangle alert-circle info-circle eye eye-off
external-link link copy dots dots-vertical menu-2 logout login language
world map-pin map phone calendar clock refresh arrow-left arrow-right
arrow-up arrow-down arrow-narrow-left arrow-narrow-right chevron-left
chevron-right chevron-down chevron-up chevrons-left chevrons-right
trending-up trending-down heart tool tools engine steering-wheel car-crash
droplet battery-automotive filter-cog brand-whatsapp brand-x
brand-instagram brand-snapchat brand-tiktok motorbike wash calendar-event
route player-play lifebuoy file-text scale percentage id sparkles moon sun
device-mobile apps layout-sidebar help-circle circle-x ban rotate
clock-hour-4
`.trim().split(/\s+/);

// Filled icons: symbol id -> tabler name in icons/filled/.
const FILLED = { "star-filled": "star", "heart-filled": "heart" };

// Wanted name -> fallback(s) to use when the wanted icon is absent from the
// package version given; null means "skip the icon if absent".
const FALLBACK = {
  "battery-automotive": ["battery"],
  "filter-cog": null,
};

const OUTLINE_ATTRS =
  'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"';
const FILLED_ATTRS = 'fill="currentColor"';
// Every tabler icon starts with this invisible 24x24 bounding box; dropped.
const BBOX = /<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*\/>/g;

const pkg = process.argv[2];
if (!pkg) {
  console.error("usage: node build-sprite.mjs <path-to-@tabler/icons-package> [output.svg]");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[3] ?? join(here, "sprite.svg");
const meta = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
if (meta.name !== "@tabler/icons") {
  console.error(`${pkg} is ${meta.name}, not @tabler/icons`);
  process.exit(2);
}

function inner(style, name) {
  let svg;
  try {
    svg = readFileSync(join(pkg, "icons", style, `${name}.svg`), "utf8");
  } catch {
    return null;
  }
  if (!/viewBox="0 0 24 24"/.test(svg)) throw new Error(`${style}/${name}: unexpected viewBox`);
  const m = svg.match(/<svg\b[^>]*>([\s\S]*?)<\/svg>/);
  if (!m) throw new Error(`${style}/${name}: cannot parse`);
  return m[1]
    .replace(BBOX, "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("");
}

const symbols = [];
const notes = [];
for (const name of OUTLINE) {
  let body = inner("outline", name);
  if (body === null && name in FALLBACK) {
    const alts = FALLBACK[name];
    if (alts === null) {
      notes.push(`skipped ${name} (absent)`);
      continue;
    }
    for (const alt of alts) {
      body = inner("outline", alt);
      if (body !== null) {
        notes.push(`${name} -> ${alt}`);
        break;
      }
    }
  }
  if (body === null) throw new Error(`outline/${name} not found in ${meta.version}`);
  symbols.push(`<symbol id="${name}" viewBox="0 0 24 24" ${OUTLINE_ATTRS}>${body}</symbol>`);
}
for (const [id, name] of Object.entries(FILLED)) {
  const body = inner("filled", name);
  if (body === null) {
    notes.push(`skipped ${id} (no filled/${name})`);
    continue;
  }
  symbols.push(`<symbol id="${id}" viewBox="0 0 24 24" ${FILLED_ATTRS}>${body}</symbol>`);
}

const sprite =
  `<svg xmlns="http://www.w3.org/2000/svg">\n` +
  `<!-- @tabler/icons ${meta.version} (MIT, see LICENSE.txt), built by build-sprite.mjs; ${symbols.length} symbols -->\n` +
  symbols.join("\n") +
  `\n</svg>\n`;
writeFileSync(out, sprite);
console.log(`wrote ${out}: ${symbols.length} symbols from @tabler/icons ${meta.version}`);
for (const n of notes) console.log(`  note: ${n}`);
