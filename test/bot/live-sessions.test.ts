import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveSessions } from '../../bot/live-sessions.js';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveSessions: what a server keeps of a conversation between its turns', () => {
  it('a taken session is no longer kept: two turns never share one', () => {
    const live = new LiveSessions<string>(10, 60_000);
    live.put('a', '3', 'session a');
    expect(live.take('a')).toEqual({ eTag: '3', value: 'session a' });
    expect(live.take('a')).toBeUndefined();
  });

  it('put again replaces the session and its eTag', () => {
    const live = new LiveSessions<string>(10, 60_000);
    live.put('a', '1', 'first');
    live.put('a', '2', 'second');
    expect(live.size).toBe(1);
    expect(live.take('a')).toEqual({ eTag: '2', value: 'second' });
  });

  it('keeps at most `limit`: the least recently used goes first', () => {
    const live = new LiveSessions<string>(2, 60_000);
    live.put('a', '1', 'a');
    live.put('b', '1', 'b');
    // a speaks again, so b is now the least recent.
    live.put('a', '2', 'a');
    live.put('c', '1', 'c');
    expect(live.size).toBe(2);
    expect(live.take('b')).toBeUndefined();
    expect(live.take('a')?.eTag).toBe('2');
    expect(live.take('c')?.eTag).toBe('1');
  });

  it('drops what was idle longer than `idleMs`, whether or not the limit is reached', () => {
    const time = clock();
    const live = new LiveSessions<string>(10, 60_000, time.now);
    live.put('old', '1', 'old');
    time.advance(30_000);
    live.put('newer', '1', 'newer');
    time.advance(30_001);
    expect(live.take('old')).toBeUndefined();
    expect(live.size).toBe(1);
    expect(live.take('newer')?.value).toBe('newer');
  });

  it('drops idle sessions on a timer too, when nobody speaks; clear keeps nothing', () => {
    vi.useFakeTimers();
    const live = new LiveSessions<string>(10, 60_000);
    live.put('a', '1', 'a');
    vi.advanceTimersByTime(30_000);
    live.put('b', '1', 'b');
    // The sweep runs every half idle time: by t = 90 s `a` has been idle for longer than a minute.
    vi.advanceTimersByTime(60_000);
    expect(live.size).toBe(1);
    vi.advanceTimersByTime(30_000);
    expect(live.size).toBe(0);
    live.put('c', '1', 'c');
    live.clear();
    expect(live.size).toBe(0);
  });

  it('a limit of 0 keeps nothing', () => {
    const live = new LiveSessions<string>(0, 60_000);
    live.put('a', '1', 'a');
    expect(live.size).toBe(0);
    expect(live.take('a')).toBeUndefined();
  });
});
