import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fillManifest, zip } from '../../scripts/teams-package.js';

const template = readFileSync('teams-app/manifest.json', 'utf8');
const env = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', PUBLIC_URL: 'https://mag.example.nl' };

function pngSize(path: string) {
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), png };
}

describe('the Teams app package', () => {
  it('fills the manifest with the bot id and the public host', () => {
    const manifest = JSON.parse(fillManifest(template, env));
    expect(manifest.bots[0].botId).toBe(env.MicrosoftAppId);
    expect(manifest.id).toBe(env.MicrosoftAppId);
    expect(manifest.validDomains).toEqual(['mag.example.nl']);
    expect(manifest.bots[0].scopes).toEqual(['personal']);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
  });

  it('refuses to build without a bot id or public address', () => {
    expect(() => fillManifest(template, { PUBLIC_URL: env.PUBLIC_URL })).toThrow(/MicrosoftAppId/);
    expect(() => fillManifest(template, { MicrosoftAppId: env.MicrosoftAppId })).toThrow(/PUBLIC_URL/);
  });

  it('has the icons Teams requires: 192×192 colour and a 32×32 outline on transparent', () => {
    expect(pngSize('teams-app/color.png')).toMatchObject({ width: 192, height: 192 });
    const outline = pngSize('teams-app/outline.png');
    expect(outline).toMatchObject({ width: 32, height: 32 });
    // The first pixel (top-left corner) of the outline is fully transparent.
    const idat = outline.png.indexOf('IDAT');
    const length = outline.png.readUInt32BE(idat - 4);
    const raw = inflateSync(outline.png.subarray(idat + 4, idat + 4 + length));
    expect(raw[1 + 3]).toBe(0);
  });

  it('zips the files so that a zip reader finds each one whole', () => {
    const files = [
      { name: 'manifest.json', data: Buffer.from(fillManifest(template, env)) },
      { name: 'color.png', data: readFileSync('teams-app/color.png') },
    ];
    const archive = zip(files);
    const end = archive.length - 22;
    expect(archive.readUInt32LE(end)).toBe(0x06054b50);
    expect(archive.readUInt16LE(end + 10)).toBe(2);
    let at = archive.readUInt32LE(end + 16);
    for (const file of files) {
      expect(archive.readUInt32LE(at)).toBe(0x02014b50);
      const size = archive.readUInt32LE(at + 24);
      const nameLength = archive.readUInt16LE(at + 28);
      const local = archive.readUInt32LE(at + 42);
      expect(archive.subarray(at + 46, at + 46 + nameLength).toString()).toBe(file.name);
      const localName = archive.readUInt16LE(local + 26);
      expect(archive.subarray(local + 30 + localName, local + 30 + localName + size)).toEqual(file.data);
      at += 46 + nameLength;
    }
  });
});
