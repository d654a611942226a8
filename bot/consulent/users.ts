import type { ScryptOptions } from 'node:crypto';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Consulent accounts from `CONSULENT_USERS`: `name:scrypt:<salt hex>:<hash hex>`, comma-separated.
 * Only scrypt hashes are kept (N=16384, r=8, p=1, 64-byte key); `npm run hash-password` makes an entry.
 */
export const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
export const KEY_LENGTH = 64;
const SALT_BYTES = 16;
/** Longer input is refused before hashing: nobody types more, and it bounds the work per attempt. */
export const MAX_PASSWORD_LENGTH = 1024;
const NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;
const HEX = /^(?:[0-9a-f]{2})+$/i;

export interface ConsulentUser {
  name: string;
  salt: Buffer;
  hash: Buffer;
}

export const isValidUserName = (name: string): boolean => NAME.test(name);

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, SCRYPT_PARAMS as ScryptOptions, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** The `CONSULENT_USERS` entry for a name and password. */
export async function hashPassword(name: string, password: string): Promise<string> {
  if (!isValidUserName(name)) throw new Error('A user name has 1-64 letters, digits or . _ @ - (no : or ,)');
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt);
  return `${name}:scrypt:${salt.toString('hex')}:${hash.toString('hex')}`;
}

/**
 * Parses `CONSULENT_USERS`. A malformed entry stops the server at start-up with the entry's position
 * (never its content: it holds a hash). Empty or unset: no users, and the inbox stays closed.
 */
export function parseUsers(value: string | undefined): Map<string, ConsulentUser> {
  const users = new Map<string, ConsulentUser>();
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  entries.forEach((entry, index) => {
    const [name, scheme, salt, hash, ...rest] = entry.split(':');
    const valid =
      rest.length === 0 &&
      name !== undefined &&
      isValidUserName(name) &&
      scheme === 'scrypt' &&
      salt !== undefined &&
      HEX.test(salt) &&
      salt.length >= 16 &&
      hash !== undefined &&
      HEX.test(hash) &&
      hash.length === KEY_LENGTH * 2;
    if (!valid) {
      throw new Error(
        `CONSULENT_USERS entry ${index + 1} is not name:scrypt:<salt hex>:<hash hex> (npm run hash-password makes one)`,
      );
    }
    if (users.has(name)) throw new Error(`CONSULENT_USERS names ${name} twice`);
    users.set(name, { name, salt: Buffer.from(salt, 'hex'), hash: Buffer.from(hash, 'hex') });
  });
  return users;
}

/** Stands in for an unknown name, so a wrong name costs as much time as a wrong password. */
const DECOY: ConsulentUser = {
  name: '',
  salt: randomBytes(SALT_BYTES),
  hash: randomBytes(KEY_LENGTH),
};

/** The user whose name and password these are, or undefined; one generic failure for either mistake. */
export async function verifyPassword(
  users: ReadonlyMap<string, ConsulentUser>,
  name: string,
  password: string,
): Promise<ConsulentUser | undefined> {
  const user = users.get(name);
  const candidate = user ?? DECOY;
  const tooLong = password.length > MAX_PASSWORD_LENGTH;
  const key = await derive(tooLong ? '' : password, candidate.salt);
  const matches = key.length === candidate.hash.length && timingSafeEqual(key, candidate.hash);
  return user && matches && !tooLong ? user : undefined;
}
