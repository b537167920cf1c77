import { hash, verify } from "@node-rs/argon2";

/** OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1. */
export const ARGON2_POLICY = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const ARGON2ID = 2; // @node-rs/argon2 Algorithm.Argon2id (a const enum, not importable with isolatedModules)

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...ARGON2_POLICY });
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** A stored hash whose parameters are below policy is re-hashed at the next successful sign-in. */
export function needsRehash(phc: string): boolean {
  const params = /\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  if (!params) return true;
  const [m, t, p] = params.slice(1).map(Number);
  return m < ARGON2_POLICY.memoryCost || t < ARGON2_POLICY.timeCost || p < ARGON2_POLICY.parallelism;
}

let dummyHash: Promise<string> | undefined;
/** Verifying against a dummy hash when the account is unknown keeps sign-in timing even. */
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword("vitrine-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
