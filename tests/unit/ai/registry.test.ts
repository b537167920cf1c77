import { describe, expect, it } from "vitest";
import { ModelConfigError, OfflineDrafter, resolveModel } from "@/lib/ai";

describe("resolveModel", () => {
  it("uses the offline drafter when nothing is configured", () => {
    const { model, id } = resolveModel({});
    expect(model).toBeInstanceOf(OfflineDrafter);
    expect(id).toBe("vitrine-offline-drafter@1");
    expect(model.modelId).toBe("vitrine-offline-drafter@1");
  });

  it("treats blank variables as unset and accepts AI_MODEL=offline", () => {
    expect(resolveModel({ AI_MODEL: "  ", AI_BASE_URL: "" }).id).toBe("vitrine-offline-drafter@1");
    expect(resolveModel({ AI_MODEL: "offline" }).id).toBe("vitrine-offline-drafter@1");
  });

  it("openai:<model> with a key, optionally at another base URL", () => {
    const { model, id } = resolveModel({ AI_MODEL: "openai:gpt-4.1-mini", OPENAI_API_KEY: "sk-test" });
    expect(id).toBe("openai:gpt-4.1-mini");
    expect(model.modelId).toBe("gpt-4.1-mini");
    expect(model.provider).toContain("openai");
    expect(resolveModel({ AI_MODEL: "openai:gpt-4.1", OPENAI_API_KEY: "k", OPENAI_BASE_URL: "https://proxy.example/v1" }).id).toBe(
      "openai:gpt-4.1",
    );
  });

  it("anthropic:<model> with a key", () => {
    const { model, id } = resolveModel({ AI_MODEL: "anthropic:claude-sonnet-4-5", ANTHROPIC_API_KEY: "k" });
    expect(id).toBe("anthropic:claude-sonnet-4-5");
    expect(model.provider).toContain("anthropic");
  });

  it("an OpenAI-compatible server from AI_BASE_URL, with or without the compatible: prefix", () => {
    const plain = resolveModel({ AI_BASE_URL: "http://localhost:11434/v1", AI_MODEL: "llama3.1:8b" });
    expect(plain.id).toBe("compatible:llama3.1:8b@localhost:11434");
    expect(plain.model.modelId).toBe("llama3.1:8b");
    const prefixed = resolveModel({ AI_BASE_URL: "http://vllm:8000/v1/", AI_MODEL: "compatible:qwen", AI_API_KEY: "k" });
    expect(prefixed.id).toBe("compatible:qwen@vllm:8000");
  });

  it.each([
    [{ AI_MODEL: "openai:gpt-4.1-mini" }, /needs OPENAI_API_KEY/],
    [{ AI_MODEL: "anthropic:claude-sonnet-4-5" }, /needs ANTHROPIC_API_KEY/],
    [{ AI_MODEL: "openai:", OPENAI_API_KEY: "k" }, /names no model; set AI_MODEL=openai:<model>/],
    [{ AI_MODEL: "compatible:qwen" }, /names no known provider.*AI_BASE_URL/],
    [{ AI_MODEL: "gpt-4.1-mini" }, /names no known provider/],
    [{ AI_MODEL: "google:gemini-2.5" }, /names no known provider/],
    [{ AI_BASE_URL: "http://localhost:11434/v1" }, /AI_BASE_URL is set but AI_MODEL is not/],
    [{ AI_BASE_URL: "localhost:11434", AI_MODEL: "llama3.1" }, /AI_BASE_URL=localhost:11434 is not an http\(s\) URL/],
    [{ AI_BASE_URL: "http://x/v1", AI_MODEL: "openai:gpt-4.1", OPENAI_API_KEY: "k" }, /use OPENAI_BASE_URL/],
    [{ AI_MODEL: "openai:gpt-4.1", OPENAI_API_KEY: "k", OPENAI_BASE_URL: "nope" }, /OPENAI_BASE_URL=nope is not an http\(s\) URL/],
  ])("rejects a half configuration %j", (env, message) => {
    expect(() => resolveModel(env)).toThrow(ModelConfigError);
    expect(() => resolveModel(env)).toThrow(message);
  });

  it("reads process.env by default", () => {
    const saved = { AI_MODEL: process.env.AI_MODEL, AI_BASE_URL: process.env.AI_BASE_URL };
    try {
      delete process.env.AI_MODEL;
      delete process.env.AI_BASE_URL;
      expect(resolveModel().id).toBe("vitrine-offline-drafter@1");
    } finally {
      for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
    }
  });
});
