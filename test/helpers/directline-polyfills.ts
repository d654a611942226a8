import { WebSocket } from 'ws';
import XMLHttpRequest from 'xhr2';

/**
 * `botframework-directlinejs` is a browser library: rxjs 5's `Observable.ajax` needs a global
 * `XMLHttpRequest`, and the client decides in its constructor whether `WebSocket` exists. Node 20 has
 * neither; import this module before constructing a `DirectLine`.
 */
const g = globalThis as Record<string, unknown>;
g.XMLHttpRequest ??= XMLHttpRequest;
g.WebSocket ??= WebSocket;
