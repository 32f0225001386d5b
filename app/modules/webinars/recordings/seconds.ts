// Watched seconds of a video as a bitmap: bit n set = second n (from n to n+1) was played.
// Pure; stored in RecordingWatch.seconds.

/** A copy of `bits` with seconds [from, to) set (grown as needed). */
export function markSeconds(bits: Uint8Array, from: number, to: number): Uint8Array<ArrayBuffer> {
  const end = Math.max(0, Math.floor(to));
  const start = Math.max(0, Math.floor(from));
  const size = Math.max(bits.length, Math.ceil(end / 8));
  const next = new Uint8Array(size);
  next.set(bits);
  for (let second = start; second < end; second++) next[second >> 3] |= 1 << (second & 7);
  return next;
}

export function countBits(bits: Uint8Array): number {
  let count = 0;
  for (const byte of bits) {
    let b = byte;
    while (b) {
      count += b & 1;
      b >>= 1;
    }
  }
  return count;
}
