import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV3, SharedV3ProviderOptions } from "@ai-sdk/provider";
import { OFFLINE_MODEL_ID, OfflineDrafter } from "./offline/model";

export type ResolvedModel = {
  model: LanguageModelV3;
  /** What a draft records as its model id: `openai:gpt-4.1-mini`, `vitrine-offline-drafter@1`, … */
  id: string;
  providerOptions?: SharedV3ProviderOptions;
};

/** A model configuration that cannot work; the message says what to set. */
export class ModelConfigError extends Error {
  override readonly name = "ModelConfigError";
}

type Env = Record<string, string | undefined>;

function read(env: Env, key: string): string | undefined {
  const value = env[key]?.trim();
  return value ? value : undefined;
}

const PROVIDERS = ["openai", "anthropic", "compatible"] as const;
type Provider = (typeof PROVIDERS)[number];

/** `openai:gpt-4.1-mini` → openai + model; `llama3.1:8b` (an Ollama tag) has no known prefix. */
function splitModel(value: string): { prefix: Provider | null; name: string } {
  const colon = value.indexOf(":");
  const prefix = value.slice(0, Math.max(colon, 0)).toLowerCase();
  if (colon < 0 || !PROVIDERS.includes(prefix as Provider)) return { prefix: null, name: value };
  return { prefix: prefix as Provider, name: value.slice(colon + 1).trim() };
}

function requireName(prefix: string, name: string): string {
  if (!name) throw new ModelConfigError(`AI_MODEL=${prefix}: names no model; set AI_MODEL=${prefix}:<model>.`);
  return name;
}

function parseBaseUrl(key: string, value: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // fall through to the error below
  }
  throw new ModelConfigError(`${key}=${value} is not an http(s) URL.`);
}

// Structured outputs are requested without OpenAI's strict mode: servers differ in which JSON-schema
// keywords they accept, and every output is validated with zod afterwards anyway.
const NON_STRICT: SharedV3ProviderOptions = { openai: { strictJsonSchema: false } };

function offline(): ResolvedModel {
  return { model: new OfflineDrafter(), id: OFFLINE_MODEL_ID };
}

function compatible(env: Env, name: string, baseUrl: string): ResolvedModel {
  const url = parseBaseUrl("AI_BASE_URL", baseUrl);
  const provider = createOpenAI({
    name: "compatible",
    baseURL: baseUrl.replace(/\/+$/, ""),
    // local servers such as Ollama accept any key; the SDK insists on one
    apiKey: read(env, "AI_API_KEY") ?? "unused",
  });
  return { model: provider.chat(name), id: `compatible:${name}@${url.host}`, providerOptions: NON_STRICT };
}

/**
 * Picks the drafting model from the environment. Nothing configured means Vitrine's offline drafter;
 * a half configuration (a provider without its key, a base URL without a model) is an error that says
 * what to set, never a silent fallback.
 */
export function resolveModel(env: Env = process.env): ResolvedModel {
  const aiModel = read(env, "AI_MODEL");
  const baseUrl = read(env, "AI_BASE_URL");
  if (!aiModel) {
    if (baseUrl) throw new ModelConfigError("AI_BASE_URL is set but AI_MODEL is not; set AI_MODEL=<model served there>.");
    return offline();
  }
  const { prefix, name } = splitModel(aiModel);
  if (prefix === null && (aiModel === "offline" || aiModel === OFFLINE_MODEL_ID)) {
    if (baseUrl) throw new ModelConfigError("AI_BASE_URL is set but AI_MODEL selects the offline drafter.");
    return offline();
  }
  if (prefix === null || prefix === "compatible") {
    const model = prefix === null ? name : requireName("compatible", name);
    if (!baseUrl) {
      throw new ModelConfigError(
        `AI_MODEL=${aiModel} names no known provider: use openai:<model> or anthropic:<model>, set AI_BASE_URL ` +
          "to an OpenAI-compatible server, or leave AI_MODEL unset for the offline drafter.",
      );
    }
    return compatible(env, model, baseUrl);
  }
  if (baseUrl) {
    throw new ModelConfigError(
      `AI_BASE_URL is for an OpenAI-compatible server (AI_MODEL=compatible:<model>); for ${prefix}: unset it` +
        (prefix === "openai" ? " and use OPENAI_BASE_URL." : "."),
    );
  }
  switch (prefix) {
    case "openai": {
      const model = requireName("openai", name);
      const apiKey = read(env, "OPENAI_API_KEY");
      if (!apiKey) throw new ModelConfigError(`AI_MODEL=${aiModel} needs OPENAI_API_KEY.`);
      const openaiBaseUrl = read(env, "OPENAI_BASE_URL");
      if (openaiBaseUrl) parseBaseUrl("OPENAI_BASE_URL", openaiBaseUrl);
      const provider = createOpenAI({ apiKey, baseURL: openaiBaseUrl });
      return { model: provider.chat(model), id: `openai:${model}`, providerOptions: NON_STRICT };
    }
    case "anthropic": {
      const model = requireName("anthropic", name);
      const apiKey = read(env, "ANTHROPIC_API_KEY");
      if (!apiKey) throw new ModelConfigError(`AI_MODEL=${aiModel} needs ANTHROPIC_API_KEY.`);
      return { model: createAnthropic({ apiKey })(model), id: `anthropic:${model}` };
    }
  }
}
