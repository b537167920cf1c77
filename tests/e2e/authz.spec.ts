import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_BASE_URL, storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";

/**
 * A server action is a public POST endpoint: anyone can call it with its id. These tests call the
 * admin's create-user action directly, the way an attacker would, with each role's session.
 */
function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!entry) throw new Error(`No server action ${exportedName} in ${file}: has the app been built?`);
  return entry[0];
}

function postCreateUser(request: APIRequestContext, email: string) {
  return request.post("/admin/users", {
    headers: {
      "Next-Action": actionId("app/(app)/admin/users/actions.ts", "createUserAction"),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: E2E_BASE_URL,
    },
    data: JSON.stringify([{ email, name: "Intruder", role: "admin", storeIds: [], password: "intruder-password-123" }]),
    maxRedirects: 0,
  });
}

async function userExists(email: string) {
  return (await queryE2e((sql) => sql`select 1 from users where email = ${email}`)).length > 0;
}

test.describe("posting the admin's create-user action directly", () => {
  test.describe("as an associate", () => {
    test.use({ storageState: storageStateFor("associate") });

    test("gets 403, changes nothing, and the denial is audited", async ({ request }) => {
      const email = `intruder.${Date.now()}@vitrine.demo`;
      const response = await postCreateUser(request, email);
      expect(response.status()).toBe(403);
      expect(await userExists(email)).toBe(false);
      const [denial] = await queryE2e((sql) => sql`
        select a.details from audit_log a join users u on u.id::text = a.actor_id
        where u.email = 'associate@vitrine.demo' and a.action = 'authz.denied' order by a.id desc limit 1`);
      expect(denial).toMatchObject({ details: { permission: "users.manage" } });
    });
  });

  for (const role of ["manager", "buyer"] as const) {
    test.describe(`as a ${role}`, () => {
      test.use({ storageState: storageStateFor(role) });

      test("gets 403 and changes nothing", async ({ request }) => {
        const email = `intruder.${role}.${Date.now()}@vitrine.demo`;
        expect((await postCreateUser(request, email)).status()).toBe(403);
        expect(await userExists(email)).toBe(false);
      });
    });
  }

  test.describe("without a session", () => {
    test("is turned away and changes nothing", async ({ request }) => {
      const email = `anonymous.${Date.now()}@vitrine.demo`;
      const response = await postCreateUser(request, email);
      expect([307, 401]).toContain(response.status());
      expect(await userExists(email)).toBe(false);
    });
  });

  test.describe("as an admin (the same request, allowed)", () => {
    test.use({ storageState: storageStateFor("admin") });

    test("creates the user, so the denials above are not an artefact of the request", async ({ request }) => {
      const email = `direct.admin.${Date.now()}@vitrine.demo`;
      const response = await postCreateUser(request, email);
      expect(response.status()).toBe(200);
      expect(await userExists(email)).toBe(true);
    });
  });
});
