import { describe, expect, it } from "vitest";
import { BodyTooLarge, readBodyWithLimit } from "@/lib/sync/body";

function streamed(bytes: number, chunk = 1024): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const size = Math.min(chunk, bytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
  return new Request("http://localhost/api/webhooks/x/y", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("webhook body limit", () => {
  it("reads a body up to the limit byte for byte", async () => {
    expect((await readBodyWithLimit(streamed(4096), 4096)).length).toBe(4096);
  });

  it("refuses a streamed body past the limit without reading it all", async () => {
    await expect(readBodyWithLimit(streamed(10_000_000), 4096)).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it("refuses at once when the declared length is past the limit", async () => {
    const req = new Request("http://localhost/x", { method: "POST", body: "x".repeat(10), headers: { "content-length": "999999" } });
    await expect(readBodyWithLimit(req, 4096)).rejects.toBeInstanceOf(BodyTooLarge);
  });
});
