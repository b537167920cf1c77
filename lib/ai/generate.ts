import type { LanguageModelV3, SharedV3ProviderOptions } from "@ai-sdk/provider";
import { APICallError, generateText, NoObjectGeneratedError, Output, type LanguageModelUsage, type ModelMessage } from "ai";
import { z } from "zod";
import { canonicalJson, sha256Hex } from "./canonical";
import type { DraftInput } from "./context";
import { redactInput, restorePii, unknownPlaceholders } from "./pii";
import type { DraftPrompt } from "./prompts/shared";
import { sharedModelSemaphore, type Semaphore } from "./semaphore";

export type DraftUsage = { inputTokens: number; outputTokens: number; totalTokens: number };

type DraftMeta = {
  modelId: string;
  promptId: string;
  promptVersion: string;
  /** sha256 of the canonical, PII-free model input (prompt id, version, system text, messages). */
  inputHash: string;
  latencyMs: number;
  usage: DraftUsage;
  attempts: number;
};

export type DraftResult<TOutput> =
  | ({ ok: true; output: TOutput } & DraftMeta)
  | ({ ok: false; error: string; retryable: boolean; reason: FailureReason } & DraftMeta);

export type FailureReason = "timeout" | "rate_limited" | "provider_error" | "invalid_output" | "aborted" | "failed";

export type DraftLogEntry = {
  msg: "ai.draft.retry" | "ai.draft.failed";
  promptId: string;
  modelId: string;
  attempt: number;
  reason: FailureReason;
  error: string;
  delayMs?: number;
};

export type DraftWithOptions<TOutput> = {
  model: LanguageModelV3;
  modelId: string;
  prompt: DraftPrompt<TOutput>;
  /** The draft's input with the real client identity; it is redacted before the model sees it. */
  input: DraftInput;
  providerOptions?: SharedV3ProviderOptions;
  /** Bound on each call to the model. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Retries after a 429, a 5xx, a network error or a timeout. */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  semaphore?: Semaphore;
  log?: (entry: DraftLogEntry) => void;
};

const MAX_ERROR_LENGTH = 500;
const MAX_ECHOED_OUTPUT = 4000;

type AttemptFailure = { reason: FailureReason; error: string; retryable: boolean; retryAfterMs?: number; invalidText?: string };

function emptyUsage(): DraftUsage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}

function addUsage(total: DraftUsage, usage: LanguageModelUsage | undefined): void {
  if (!usage) return;
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  total.inputTokens += input;
  total.outputTokens += output;
  total.totalTokens += usage.totalTokens ?? input + output;
}

function truncate(text: string, max = MAX_ERROR_LENGTH): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What is wrong with an output, in words a model can act on. */
function validationMessage(schema: z.ZodType, text: string | undefined): string {
  if (!text) return "the reply was empty";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `the reply is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? "the reply did not match the schema" : z.prettifyError(parsed.error);
}

function retryAfterMs(error: APICallError): number | undefined {
  const header = error.responseHeaders?.["retry-after"];
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function classify(error: unknown, schema: z.ZodType, state: { isTimedOut: boolean; isCancelled: boolean }): AttemptFailure {
  if (state.isTimedOut) return { reason: "timeout", error: "the model did not answer in time", retryable: true };
  if (state.isCancelled) return { reason: "aborted", error: "the call was cancelled", retryable: true };
  if (NoObjectGeneratedError.isInstance(error)) {
    return { reason: "invalid_output", error: validationMessage(schema, error.text), retryable: false, invalidText: error.text ?? "" };
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    return {
      reason: status === 429 ? "rate_limited" : "provider_error",
      error: truncate(status ? `HTTP ${status}: ${error.message}` : error.message),
      retryable: error.isRetryable,
      retryAfterMs: retryAfterMs(error),
    };
  }
  return { reason: "failed", error: truncate(error instanceof Error ? error.message : String(error)), retryable: false };
}

function invalidOutputFeedback(failure: AttemptFailure): ModelMessage[] {
  return [
    { role: "assistant", content: truncate(failure.invalidText ?? "", MAX_ECHOED_OUTPUT) },
    {
      role: "user",
      content: `Your reply was not accepted: ${failure.error}\nReply again with one JSON object that matches the schema.`,
    },
  ];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Drafts one proposal: redacts the client's identity, calls the model with the prompt's schema, and
 * fills the identity back into the validated output. Each call is bounded by `timeoutMs`, limited by
 * the per-process semaphore, retried with exponential backoff and jitter on 429/5xx/network errors and
 * timeouts, and retried once with the validation error when the output is invalid. Provider failures
 * come back as `{ ok: false }`, never as a thrown error. The model is given no tools: whatever it
 * writes is data that passes or fails the schema.
 */
export async function draftWith<TOutput>(options: DraftWithOptions<TOutput>): Promise<DraftResult<TOutput>> {
  const { model, modelId, prompt, input, signal } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 2;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const semaphore = options.semaphore ?? sharedModelSemaphore();
  const log = options.log ?? ((entry: DraftLogEntry) => console.warn(JSON.stringify(entry)));

  const { context, vault } = redactInput(input);
  const messages = prompt.build(context);
  const inputHash = sha256Hex(
    canonicalJson({ promptId: prompt.id, promptVersion: prompt.version, system: prompt.system, messages }),
  );
  const usage = emptyUsage();
  const startedAt = performance.now();
  const meta = (attempts: number): DraftMeta => ({
    modelId,
    promptId: prompt.id,
    promptVersion: prompt.version,
    inputHash,
    latencyMs: Math.round(performance.now() - startedAt),
    usage,
    attempts,
  });

  let feedback: ModelMessage[] = [];
  let transientRetries = 0;
  for (let attempt = 1; ; attempt++) {
    const state = { isTimedOut: false, isCancelled: false };
    const controller = new AbortController();
    const onCancel = () => {
      state.isCancelled = true;
      controller.abort(signal?.reason);
    };
    let failure: AttemptFailure;
    const release = await semaphore.acquire();
    const timer = setTimeout(() => {
      state.isTimedOut = true;
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    try {
      if (signal?.aborted) onCancel();
      signal?.addEventListener("abort", onCancel, { once: true });
      const result = await generateText({
        model,
        system: prompt.system,
        messages: [...messages, ...feedback],
        output: Output.object({ schema: prompt.schema, name: prompt.kind }),
        maxRetries: 0,
        abortSignal: controller.signal,
        providerOptions: options.providerOptions,
      });
      addUsage(usage, result.usage);
      const unknown = unknownPlaceholders(result.output, vault);
      if (unknown.length === 0) return { ok: true, output: restorePii(result.output as TOutput, vault), ...meta(attempt) };
      failure = {
        reason: "invalid_output",
        error: `uses placeholders Vitrine has no value for: ${unknown.join(", ")}; use only ${[...vault.keys()].filter((k) => k.startsWith("{{client.")).join(", ")}`,
        retryable: false,
        invalidText: JSON.stringify(result.output),
      };
    } catch (error) {
      if (NoObjectGeneratedError.isInstance(error)) addUsage(usage, error.usage);
      failure = classify(error, prompt.schema, state);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onCancel);
      release();
    }

    const isFirstInvalidOutput = failure.reason === "invalid_output" && feedback.length === 0;
    const canRetryTransient = failure.retryable && failure.reason !== "aborted" && transientRetries < maxRetries;
    if (!isFirstInvalidOutput && !canRetryTransient) {
      log({ msg: "ai.draft.failed", promptId: prompt.id, modelId, attempt, reason: failure.reason, error: failure.error });
      return { ok: false, error: failure.error, retryable: failure.retryable, reason: failure.reason, ...meta(attempt) };
    }
    if (isFirstInvalidOutput) {
      feedback = invalidOutputFeedback(failure);
      log({ msg: "ai.draft.retry", promptId: prompt.id, modelId, attempt, reason: failure.reason, error: failure.error });
      continue;
    }
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** transientRetries) * (0.5 + random() / 2);
    const delayMs = Math.round(Math.min(maxDelayMs, Math.max(backoff, failure.retryAfterMs ?? 0)));
    transientRetries += 1;
    log({ msg: "ai.draft.retry", promptId: prompt.id, modelId, attempt, reason: failure.reason, error: failure.error, delayMs });
    await sleep(delayMs);
    if (signal?.aborted) {
      return { ok: false, error: "the call was cancelled", retryable: true, reason: "aborted", ...meta(attempt) };
    }
  }
}
