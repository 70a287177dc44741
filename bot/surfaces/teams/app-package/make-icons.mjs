// Regenerates teams/color.png and teams/outline.png (RGBA PNGs, no dependencies):
//   node bot/surfaces/teams/app-package/make-icons.mjs
// A speech bubble with text lines: white on the accent colour, and a white-on-transparent outline.
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (name) => fileURLToPath(new URL(name, import.meta.url));

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); }
function png(w, h, pixel) {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) { raw[y * (w * 4 + 1)] = 0; for (let x = 0; x < w; x++) { const [r, g, b, a] = pixel(x, y); const o = y * (w * 4 + 1) + 1 + x * 4; raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a; } }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}
// Shapes in a unit square (0..1): a speech bubble (rounded rect + tail) with three text lines.
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function inTri(px, py, [ax, ay], [bx, by], [cx, cy]) {
  const s = (x1, y1, x2, y2, x3, y3) => (x1 - x3) * (y2 - y3) - (x2 - x3) * (y1 - y3);
  const d1 = s(px, py, ax, ay, bx, by), d2 = s(px, py, bx, by, cx, cy), d3 = s(px, py, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}
const bubble = (x, y, inset = 0) =>
  inRoundRect(x, y, 0.2 + inset, 0.24 + inset, 0.8 - inset, 0.68 - inset, 0.08 - inset) ||
  (inset === 0 && inTri(x, y, [0.3, 0.64], [0.46, 0.64], [0.28, 0.8]));
const lines = (x, y) => [0.36, 0.46, 0.56].some((ly, i) => inRoundRect(x, y, 0.3, ly - 0.025, i === 2 ? 0.56 : 0.7, ly + 0.025, 0.025));
function coverage(w, h, x, y, test) { let n = 0; const s = 4; for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) if (test((x + (i + 0.5) / s) / w, (y + (j + 0.5) / s) / h)) n++; return n / (s * s); }

const TEAL = [0x1b, 0x5e, 0x7a];
writeFileSync(here("color.png"), png(192, 192, (x, y) => {
  const white = coverage(192, 192, x, y, (u, v) => bubble(u, v) && !lines(u, v));
  const mix = (c) => Math.round(c * (1 - white) + 255 * white);
  return [mix(TEAL[0]), mix(TEAL[1]), mix(TEAL[2]), 255];
}));
// Outline: white strokes on transparent, as Teams requires (the bubble's border and lines).
const ring = (u, v) => (bubble(u, v) && !inRoundRect(u, v, 0.2 + 0.07, 0.24 + 0.07, 0.8 - 0.07, 0.68 - 0.07, 0.02));
const outlineShape = (u, v) => {
  const X = (u - 0.5) * 0.8 + 0.5, Y = (v - 0.5) * 0.8 + 0.48; // enlarge to fill 32px
  return ring(X, Y) || inRoundRect(X, Y, 0.34, 0.42, 0.66, 0.5, 0.04);
};
writeFileSync(here("outline.png"), png(32, 32, (x, y) => [255, 255, 255, Math.round(255 * coverage(32, 32, x, y, outlineShape))]));
