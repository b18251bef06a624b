// How fast a transfer goes and how long it has left, as people read it: a speed smoothed over the
// last few seconds (progress arrives in bursts, one chunk at a time, so the raw rate jumps between
// zero and the link's speed), and the time left from that speed.

import { formatBytes } from './format.js';

/** How long ago a sample must be to count half as much as the newest (milliseconds). */
export const HALF_LIFE_MS = 3000;
/** Samples closer together than this are taken together: a burst of events is one step. */
export const MIN_INTERVAL_MS = 250;

/**
 * A speed meter for one transfer (or the sum of several). `sample(bytes, at)` gives it the bytes
 * done so far at time `at` (milliseconds) and answers the smoothed speed in bytes per second, or
 * null while it cannot tell yet (before two samples far enough apart). Bytes that go back (a
 * retry starting over) start the meter over. A sample with the same bytes as before, later, is a
 * stall and brings the speed down.
 */
export function createRateMeter({ halfLife = HALF_LIFE_MS, minInterval = MIN_INTERVAL_MS } = {}) {
  let last = null;
  let speed = null;

  return {
    sample(bytes, at) {
      const done = Number(bytes) || 0;
      if (!last || done < last.bytes) {
        last = { bytes: done, at };
        speed = null;
        return speed;
      }
      const dt = at - last.at;
      if (dt < minInterval) return speed;
      const now = ((done - last.bytes) * 1000) / dt;
      // The weight of the new rate grows with the time it covers: one long step counts as much
      // as many short ones over the same time.
      const weight = 1 - 2 ** (-dt / halfLife);
      speed = speed === null ? now : speed + (now - speed) * weight;
      last = { bytes: done, at };
      return speed;
    },
    get speed() { return speed; },
  };
}

/** Seconds left for `remaining` bytes at `speed` bytes per second; null when it cannot be told. */
export function timeLeft(remaining, speed) {
  if (!(remaining > 0)) return 0;
  if (!(speed > 0)) return null;
  return remaining / speed;
}

/** Whole percent done, 100 only when all is done (a 0-byte transfer is done when it is). */
export function percentDone(done, size, finished = false) {
  const total = Number(size) || 0;
  if (total <= 0) return finished ? 100 : 0;
  return Math.min(100, Math.floor((Math.max(0, Number(done) || 0) * 100) / total));
}

/** "3.4 MB/s", in the same units as file sizes; "—" when unknown. */
export function formatSpeed(bytesPerSecond) {
  if (bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond)) return '—';
  return `${formatBytes(Math.max(0, bytesPerSecond))}/s`;
}

/** "8 s", "2 min 10 s", "1 h 5 min" left; "less than a second"; null when unknown. */
export function formatTimeLeft(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  if (seconds < 1) return 'less than a second';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    // Past ten minutes, seconds are noise.
    return s >= 600 || rest === 0 ? `${Math.round(s / 60)} min` : `${Math.floor(s / 60)} min ${rest} s`;
  }
  const minutes = Math.round((s % 3600) / 60);
  const hours = Math.floor(s / 3600) + (minutes === 60 ? 1 : 0);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
