export class BodyTooLarge extends Error {}

/** 1 MiB unless WEBHOOK_MAX_BYTES says otherwise: far above any real POS delivery, far below harm. */
export function webhookBodyLimit(): number {
  const configured = Number(process.env.WEBHOOK_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : 1024 * 1024;
}

/** Reads the body as raw bytes, refusing (without reading on) once it passes `limit`. */
export async function readBodyWithLimit(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
