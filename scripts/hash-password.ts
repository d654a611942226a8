/**
 * `npm run -s hash-password -- <name>`: prints a `CONSULENT_USERS` entry (`name:scrypt:<salt>:<hash>`).
 * The password comes from stdin: typed without echo (and asked twice) on a terminal, or piped
 * (`printf '%s' "$PW" | npm run -s hash-password -- anna`). It is never an argument, so it stays out of
 * the shell history and the process list.
 */
import { stderr, stdin, stdout } from 'node:process';
import { hashPassword, isValidUserName, MAX_PASSWORD_LENGTH } from '../bot/consulent/users.js';

const MIN_LENGTH = 12;

function fail(message: string): never {
  stderr.write(`${message}\n`);
  process.exit(1);
}

/** Reads one line from the terminal without showing it. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Raw mode before the prompt: nothing typed after the prompt is echoed by the terminal.
    stdin.setRawMode(true);
    stderr.write(prompt);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (result: string | Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done(value);
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPiped(): Promise<string> {
  let data = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) data += chunk;
  // One trailing newline (from echo or a file) is not part of the password.
  return data.replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || process.argv.length > 3)
    fail('Usage: npm run -s hash-password -- <name>   (password on stdin)');
  if (!isValidUserName(name)) fail('A user name has 1-64 letters, digits or . _ @ - (no : or ,).');
  let password: string;
  if (stdin.isTTY) {
    password = await readHidden(`Password for ${name}: `);
    const again = await readHidden('Again: ');
    if (again !== password) fail('The passwords differ.');
  } else {
    password = await readPiped();
  }
  if (password.length < MIN_LENGTH) fail(`Use at least ${MIN_LENGTH} characters.`);
  if (password.length > MAX_PASSWORD_LENGTH) fail(`Use at most ${MAX_PASSWORD_LENGTH} characters.`);
  stdout.write(`${await hashPassword(name, password)}\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
