/**
 * Seeded randomness for the demo data: every value the seed writes comes from here, never from
 * Math.random or the database, so one seed and one `now` always give the same rows.
 */

/** 32-bit string hash (cyrb53's mixing, truncated); names the independent streams below. */
function hashString(input: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** sfc32: small, fast, and good enough for demo data (passes PractRand to 2^40). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** One stream per concern (`"customers"`, `"sales"` …): adding draws to one never shifts another. */
  constructor(seed: number, stream: string) {
    this.a = hashString(stream, seed);
    this.b = hashString(stream, seed ^ 0x9e3779b9);
    this.c = hashString(stream, seed ^ 0x85ebca6b);
    this.d = 1;
    for (let i = 0; i < 16; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks from `[value, weight]` pairs. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let point = this.next() * total;
    for (const [value, weight] of entries) {
      point -= weight;
      if (point < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-uniform in [min, max]: as many pieces between 3k and 6k as between 30k and 60k. */
  logUniform(min: number, max: number): number {
    return Math.exp(this.between(Math.log(min), Math.log(max)));
  }

  /** Triangular on [min, max] peaking in the middle (sum of two uniforms). */
  triangular(min: number, max: number): number {
    return min + ((this.next() + this.next()) / 2) * (max - min);
  }

  /** A version-4 UUID built from this stream. */
  uuid(): string {
    const w0 = this.uint32();
    // RFC 9562 layout: the version nibble opens the third group, the variant bits the fourth
    const w1 = ((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const w2 = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.uint32();
    return (
      HEX[w0 >>> 24] + HEX[(w0 >>> 16) & 255] + HEX[(w0 >>> 8) & 255] + HEX[w0 & 255] + "-" +
      HEX[w1 >>> 24] + HEX[(w1 >>> 16) & 255] + "-" + HEX[(w1 >>> 8) & 255] + HEX[w1 & 255] + "-" +
      HEX[w2 >>> 24] + HEX[(w2 >>> 16) & 255] + "-" + HEX[(w2 >>> 8) & 255] + HEX[w2 & 255] +
      HEX[w3 >>> 24] + HEX[(w3 >>> 16) & 255] + HEX[(w3 >>> 8) & 255] + HEX[w3 & 255]
    );
  }

  digits(count: number): string {
    let out = "";
    for (let i = 0; i < count; i++) out += String(this.uint32() % 10);
    return out;
  }
}

/** Weighted sampling over a fixed population in O(log n) per draw. */
export class WeightedSampler {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(
    readonly values: Int32Array,
    weights: ArrayLike<number>,
  ) {
    this.cumulative = new Float64Array(values.length);
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      sum += weights[i];
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  get size(): number {
    return this.values.length;
  }

  sample(rng: Rng): number {
    const point = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > point) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

/**
 * A bijection of 0 … 10^width − 1 (the multiplier is coprime with 10): consecutive counters become
 * unique, random-looking numbers for serials and loyalty ids.
 */
export function scrambledNumber(counter: number, width: number, salt: number): string {
  const modulus = 10 ** width;
  if (!Number.isInteger(counter) || counter < 0 || counter >= modulus) {
    throw new Error(`Counter ${counter} does not fit ${width} digits: the seed ran out of unique numbers at this scale.`);
  }
  const value = ((counter * 7_654_321 + salt) % modulus + modulus) % modulus;
  return String(value).padStart(width, "0");
}
