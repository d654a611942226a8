/**
 * `npm run teams:package`: the Teams app package (manifest.json + icons, zipped) for this deployment.
 * Needs `MicrosoftAppId` (the Azure Bot's app id) and `PUBLIC_URL`; `TEAMS_APP_ID` defaults to the bot id.
 * Writes dist/mag-intake-teams.zip, which a Teams administrator uploads (see README).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export const crc32 = (data: Buffer) => {
  let c = 0xffffffff;
  for (const b of data) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A zip with stored (uncompressed) entries: all Teams needs, and no dependency. */
export function zip(files: { name: string; data: Buffer }[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    local.push(header, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

export function fillManifest(template: string, env: NodeJS.ProcessEnv): string {
  const botId = env.MicrosoftAppId;
  const publicUrl = env.PUBLIC_URL;
  if (!botId || !publicUrl)
    throw new Error('Set MicrosoftAppId and PUBLIC_URL (see .env.example) to build the package');
  const values: Record<string, string> = {
    MicrosoftAppId: botId,
    TEAMS_APP_ID: env.TEAMS_APP_ID || botId,
    PUBLIC_URL: publicUrl,
    PUBLIC_HOST: new URL(publicUrl).host,
  };
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
  JSON.parse(filled); // a broken template fails here, not in the Teams admin centre
  return filled;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = fillManifest(readFileSync('teams-app/manifest.json', 'utf8'), process.env);
  mkdirSync('dist', { recursive: true });
  const out = 'dist/mag-intake-teams.zip';
  writeFileSync(
    out,
    zip([
      { name: 'manifest.json', data: Buffer.from(manifest) },
      { name: 'color.png', data: readFileSync('teams-app/color.png') },
      { name: 'outline.png', data: readFileSync('teams-app/outline.png') },
    ]),
  );
  process.stdout.write(`${out}\n`);
}
