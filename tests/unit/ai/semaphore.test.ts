import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { clientMessagePrompt, draftWith, OFFLINE_MODEL_ID, OfflineDrafter, Semaphore } from "@/lib/ai";
import { draftInput } from "./fixtures";

/** The offline drafter, slowed down and counting how many calls run at once. */
class CountingModel implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly provider = "test";
  readonly modelId = "counting";
  readonly supportedUrls = {};
  active = 0;
  peak = 0;
  private readonly inner = new OfflineDrafter();

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
    await new Promise((resolve) => setTimeout(resolve, 15));
    this.active -= 1;
    return this.inner.doGenerate(options);
  }

  doStream(): never {
    throw new Error("not used");
  }
}

describe("concurrency", () => {
  it("never runs more model calls at once than the semaphore allows", async () => {
    const model = new CountingModel();
    const semaphore = new Semaphore(2);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        draftWith({ model, modelId: OFFLINE_MODEL_ID, prompt: clientMessagePrompt, input: draftInput(), semaphore, log: () => {} }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(model.peak).toBe(2);
    expect(semaphore.inUse).toBe(0);
  });

  it("a cancelled call comes back as a failure, not an exception", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await draftWith({
      model: new CountingModel(),
      modelId: "test",
      prompt: clientMessagePrompt,
      input: draftInput(),
      signal: controller.signal,
      semaphore: new Semaphore(1),
      log: () => {},
    });
    expect(result).toMatchObject({ ok: false, reason: "aborted", retryable: true });
  });
});
