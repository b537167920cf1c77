import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Deny by default: every server action and route handler in app/ must be built with the guarded
 * wrappers (`action(...)`, `route(...)`), which check a named permission against the database.
 * The few public endpoints are listed here by name, with the reason.
 */
const PUBLIC_ENDPOINTS: Record<string, string> = {
  "app/(auth)/sign-in/actions.ts#signInAction": "starts a session; throttled and audited",
  "app/(auth)/sign-in/actions.ts#oidcSignInAction": "redirects to the identity provider",
  "app/api/auth/[...nextauth]/route.ts#GET": "Auth.js's own endpoints (CSRF-protected)",
  "app/api/auth/[...nextauth]/route.ts#POST": "Auth.js's own endpoints (CSRF-protected)",
  "app/api/webhooks/[provider]/[connectionId]/route.ts#POST": "POS deliveries, authenticated by the platform's signature",
};

const root = path.resolve(__dirname, "../..");

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const files = walk(path.join(root, "app")).map((f) => path.relative(root, f));
const serverActionFiles = files.filter((f) => /\.(ts|tsx)$/.test(f) && /^\s*["']use server["']/.test(fs.readFileSync(path.join(root, f), "utf8")));
const routeFiles = files.filter((f) => /(^|\/)route\.ts$/.test(f));

function exportsOf(file: string): { name: string; definition: string }[] {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  const found: { name: string; definition: string }[] = [];
  for (const m of source.matchAll(/export\s+const\s+(\w+)\s*=\s*([^\n]*)/g)) found.push({ name: m[1], definition: m[2] });
  for (const m of source.matchAll(/export\s+const\s+\{([^}]+)\}\s*=\s*([^\n]*)/g)) {
    for (const name of m[1].split(",").map((n) => n.trim())) found.push({ name, definition: m[2] });
  }
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)) found.push({ name: m[1], definition: "function" });
  return found;
}

describe("every endpoint is guarded", () => {
  it("finds the endpoints it checks", () => {
    expect(serverActionFiles.length).toBeGreaterThan(0);
    expect(routeFiles.length).toBeGreaterThan(0);
  });

  it.each(serverActionFiles)("%s: each exported server action is action(...) or listed as public", (file) => {
    for (const { name, definition } of exportsOf(file)) {
      const isGuarded = /^action\(/.test(definition);
      expect(isGuarded || `${file}#${name}` in PUBLIC_ENDPOINTS, `${file}#${name} is not guarded`).toBe(true);
    }
  });

  it.each(routeFiles)("%s: each exported handler is route(...) or listed as public", (file) => {
    const handlers = exportsOf(file).filter(({ name }) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(name));
    expect(handlers.length).toBeGreaterThan(0);
    for (const { name, definition } of handlers) {
      const isGuarded = /^route\(/.test(definition);
      expect(isGuarded || `${file}#${name}` in PUBLIC_ENDPOINTS, `${file}#${name} is not guarded`).toBe(true);
    }
  });
});
