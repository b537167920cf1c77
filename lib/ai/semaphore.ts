/** A counting semaphore: at most `limit` holders at once, the rest wait in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`semaphore limit must be a positive integer, got ${limit}`);
  }

  get inUse(): number {
    return this.active;
  }

  async acquire(): Promise<() => void> {
    if (this.active < this.limit) {
      this.active += 1;
    } else {
      // the releasing holder hands its slot over, so `active` stays the same
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}

function limitFromEnv(): number {
  const value = Number(process.env.AI_CONCURRENCY);
  return Number.isInteger(value) && value > 0 ? value : 4;
}

let shared: Semaphore | null = null;

/** The per-process limit on concurrent model calls (`AI_CONCURRENCY`, default 4). */
export function sharedModelSemaphore(): Semaphore {
  shared ??= new Semaphore(limitFromEnv());
  return shared;
}
