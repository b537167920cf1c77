import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from "@ai-sdk/provider";
import type { DraftContext } from "../context";
import { unfence } from "../fence";
import { CONTEXT_CLOSE, CONTEXT_OPEN, type DrafterKind } from "../prompts/shared";
import { draftClientMessage } from "./client-message";
import { draftClientelingNote } from "./clienteling-note";
import { draftServiceTicket } from "./service-ticket";

export const OFFLINE_MODEL_ID = "vitrine-offline-drafter@1";

const DRAFTERS: Record<DrafterKind, (context: DraftContext) => unknown> = {
  client_message: draftClientMessage,
  service_ticket: draftServiceTicket,
  clienteling_note: draftClientelingNote,
};

function isDrafterKind(value: unknown): value is DrafterKind {
  return typeof value === "string" && value in DRAFTERS;
}

function promptText(options: LanguageModelV3CallOptions): string {
  return options.prompt
    .filter((message) => message.role === "user")
    .flatMap((message) => message.content)
    .map((part) => (part.type === "text" ? part.text : ""))
    .join("\n");
}

function unfenceValue(value: string): string {
  return unfence(value)?.text ?? value;
}

/** Reads the JSON context block of the prompt back and takes the fences off its free text. */
export function readContextBlock(text: string): DraftContext {
  const start = text.indexOf(`${CONTEXT_OPEN}\n`);
  const end = text.indexOf(`\n${CONTEXT_CLOSE}`, start);
  if (start < 0 || end < 0) throw new Error("vitrine-offline-drafter: the prompt carries no context block");
  const context = JSON.parse(text.slice(start + CONTEXT_OPEN.length + 1, end)) as DraftContext;
  return {
    ...context,
    sale: {
      ...context.sale,
      lines: context.sale.lines.map((line) => ({
        ...line,
        careNotes: line.careNotes === null ? null : unfenceValue(line.careNotes),
        properties: line.properties.map((p) => ({ name: p.name, value: unfenceValue(p.value) })),
      })),
    },
    notes: context.notes.map((note) => ({ source: note.source, text: unfenceValue(note.text) })),
  };
}

function drafterKind(options: LanguageModelV3CallOptions, text: string): DrafterKind {
  const named = options.responseFormat?.type === "json" ? options.responseFormat.name : undefined;
  if (isDrafterKind(named)) return named;
  const marked = /<task kind="([a-z_]+)">/.exec(text)?.[1];
  if (isDrafterKind(marked)) return marked;
  throw new Error("vitrine-offline-drafter: the prompt names no drafter it knows");
}

/** A rough count for usage figures: one token per four characters. */
function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Vitrine's offline drafter: a deterministic program, not a language model, behind the AI SDK's
 * language-model interface. It parses the context block every prompt carries and writes the draft
 * from the products' terms, so the same prompt → structured output → validation path runs offline.
 */
export class OfflineDrafter implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly provider = "vitrine";
  readonly modelId = OFFLINE_MODEL_ID;
  readonly supportedUrls = {};

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    options.abortSignal?.throwIfAborted();
    const text = promptText(options);
    const output = JSON.stringify(DRAFTERS[drafterKind(options, text)](readContextBlock(text)));
    const inputTokens = tokens(text);
    const outputTokens = tokens(output);
    return {
      content: [{ type: "text", text: output }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
      },
      warnings: [],
      response: { modelId: OFFLINE_MODEL_ID },
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const result = await this.doGenerate(options);
    const text = result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
    const parts: LanguageModelV3StreamPart[] = [
      { type: "stream-start", warnings: [] },
      { type: "text-start", id: "0" },
      { type: "text-delta", id: "0", delta: text },
      { type: "text-end", id: "0" },
      { type: "finish", usage: result.usage, finishReason: result.finishReason },
    ];
    return {
      stream: new ReadableStream({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  }
}
