import http from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake server answers one request. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> } | "hang";

export type CapturedRequest = { path: string; body: string; json: { messages: { role: string; content: string }[] } & Record<string, unknown> };

export function completion(content: string) {
  return {
    status: 200,
    body: {
      id: "chatcmpl-test",
      object: "chat.completion",
      created: 1_764_201_600,
      model: "test-model",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 },
    },
  } satisfies Reply;
}

export function providerError(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { error: { message, type: "server_error", code: null } }, headers };
}

/**
 * A local server speaking the OpenAI chat-completions protocol (`POST /v1/chat/completions`), answering
 * each request with the next scripted reply (the last one repeats) and keeping every request body.
 */
export async function startFakeOpenAI(script: Reply[]) {
  const requests: CapturedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ path: req.url ?? "", body, json: JSON.parse(body) });
      const reply = script[Math.min(requests.length - 1, script.length - 1)];
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404).end();
        return;
      }
      if (reply === "hang") return;
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
