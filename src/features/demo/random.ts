// Seeded pseudo-random numbers for the demo data, so every load of the demo is the same data
// (screenshots, tests and bug reports agree). mulberry32: Tommy Ettinger's 32-bit generator,
// small and good enough for noise; Box-Muller for normal deviates.

export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** standard normal (mean 0, standard deviation 1) */
  normal(): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal: () => {
      const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    int: (n) => Math.floor(next() * n),
  };
}
