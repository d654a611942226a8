/**
 * Draws the two icons Teams wants (192×192 colour, 32×32 white outline on transparent) as PNG, without any
 * image library: a speech bubble in the municipality's blue. Run once; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { crc32 } from './teams-package.js';

type Pixel = [number, number, number, number];

function png(width: number, height: number, pixel: (x: number, y: number) => Pixel): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(raw, y * (width * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Inside a speech bubble scaled to `size`: a rounded rectangle with a tail at the bottom left. */
function inBubble(x: number, y: number, size: number): boolean {
  const s = size / 32;
  const [left, top, right, bottom, r] = [4 * s, 6 * s, 28 * s, 22 * s, 4 * s];
  const cx = Math.min(Math.max(x, left + r), right - r);
  const cy = Math.min(Math.max(y, top + r), bottom - r);
  const inRect = x >= left && x <= right && y >= top && y <= bottom && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const inTail = y > bottom - 1 && y <= 27 * s && x >= 8 * s && x <= 8 * s + (27 * s - y) * 1.2 + 1;
  return inRect || inTail;
}

const BLUE: Pixel = [0, 82, 122, 255];
const WHITE: Pixel = [255, 255, 255, 255];
const CLEAR: Pixel = [0, 0, 0, 0];

writeFileSync(
  'teams-app/color.png',
  png(192, 192, (x, y) => {
    const inner = inBubble((x - 16) * (192 / 160), (y - 16) * (192 / 160), 192);
    return inner ? WHITE : BLUE;
  }),
);
writeFileSync(
  'teams-app/outline.png',
  png(32, 32, (x, y) => {
    const edge =
      inBubble(x + 0.5, y + 0.5, 32) && !inBubble((x + 0.5 - 16) * 1.25 + 16, (y + 0.5 - 16) * 1.25 + 16, 32);
    return edge ? WHITE : CLEAR;
  }),
);
