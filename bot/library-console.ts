/**
 * botbuilder prints to the console on its own: a refused token's error with its stack, "Error finding key
 * for token" with the channel's public key. On a server that writes to stdout whatever any caller with a
 * bogus token makes it write, those lines are noise an attacker controls. What botbuilder prints goes to
 * our own log instead, as one line at debug level; everything else printed is untouched.
 */
const LIBRARIES = /node_modules[\\/](?:botbuilder[\w-]*|botframework-[\w-]+|@microsoft[\\/]teams-ai)[\\/]/;
// By identity, not by a marker property: a test's spy copies the properties of what it replaces.
const wrappers = new WeakSet<object>();
const METHODS = ['error', 'warn', 'log', 'info', 'debug'] as const;

export interface LibraryLog {
  debug(details: object, message: string): void;
}

let sink: LibraryLog | undefined;

/** Whether the function that called console.* (two frames up from here) is one of botbuilder's. */
function calledFromLibrary(): boolean {
  const stack = new Error().stack?.split('\n') ?? [];
  // [0] "Error", [1] this function, [2] the wrapper, [3] its caller.
  return LIBRARIES.test(stack[3] ?? '');
}

const firstLine = (args: unknown[]) => {
  const first = args[0];
  const text = first instanceof Error ? `${first.name}: ${first.message}` : String(first);
  return text.split('\n', 1)[0]!.slice(0, 200);
};

/**
 * Sends what botbuilder prints to `log`. Safe to call for every app that is built: console methods that
 * someone replaced since (a test's spy) are wrapped again, the rest only once.
 */
export function routeLibraryConsole(log: LibraryLog): void {
  sink = log;
  for (const method of METHODS) {
    const original = console[method] as (...args: unknown[]) => void;
    if (wrappers.has(original)) continue;
    const wrapper = (...args: unknown[]) => {
      if (calledFromLibrary()) sink?.debug({ from: 'botbuilder', method }, firstLine(args));
      else original.apply(console, args);
    };
    wrappers.add(wrapper);
    console[method] = wrapper;
  }
}
