import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";
import { arrangeQueueDrafts, HOSTILE_BODY, type QueueDrafts } from "../fixtures/review/queue-e2e";

// The tests share one arrangement and run in order: each decides drafts the next ones no longer see.
let drafts: QueueDrafts;
const decided: { id: string; action: "draft.approved" | "draft.rejected" }[] = [];

test.beforeAll(async () => {
  drafts = await arrangeQueueDrafts();
  // the drafting path wrote enough client messages for every test below
  expect(drafts.drafted.client_message ?? 0).toBeGreaterThanOrEqual(10);
});

function openDraftId(page: Page): string | null {
  return new URL(page.url()).searchParams.get("draft");
}

async function draftRow(id: string) {
  const [row] = await queryE2e<{ status: string; edited_output: Record<string, unknown> | null; decision_reason: string | null; decision_note: string | null }>(
    (sql) => sql`select status::text, edited_output, decision_reason, decision_note from drafts where id = ${id}`,
  );
  return row;
}

const APPROVED = /^(approved|held|executed)$/;

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: false });
}

function toast(page: Page, text: RegExp | string) {
  return page.getByRole("status").filter({ hasText: text });
}

test.describe("a manager", () => {
  test.use({ storageState: storageStateFor("manager") });

  test("renders a draft's markup as inert text", async ({ page }) => {
    await page.goto(`/queue?kind=client_message&draft=${drafts.hostileId}`);
    const pane = page.getByRole("article");
    await expect(pane.getByText("<script>window.__pwned=1</script>", { exact: false })).toBeVisible();
    await expect(pane.getByTestId("draft-text")).toContainText(HOSTILE_BODY.split("\n")[1]);
    await expect(pane.getByText("Thank you for your <b>bold</b> choice.", { exact: false })).toBeVisible();
    await expect(pane.getByText("<i>markup</i> in the rationale")).toBeVisible();
    await expect(page.locator("main b, main img[src='x'], main script")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(page, "queue-inert-html");
  });

  test("approves, edits then approves, and rejects with the keyboard alone", async ({ page }) => {
    await page.goto("/queue?kind=client_message");
    await expect(page.getByRole("link", { name: /^Client messages/ })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("link", { name: /^Purchase recommendations/ })).toBeVisible();
    await screenshot(page, "queue-list");

    // the help overlay (pressed until the page has hydrated: keys before that go nowhere)
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(async () => {
      await page.keyboard.press("?");
      await expect(help).toBeVisible({ timeout: 1000 });
    }).toPass();
    await expect(help).toContainText("Approve the open draft");
    await screenshot(page, "queue-shortcuts");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();

    // j moves, o opens (and claims)
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await page.keyboard.press("o");
    await expect(page).toHaveURL(/draft=/);
    const first = openDraftId(page)!;
    await expect(page.getByRole("article")).toContainText(/Yours until \d\d:\d\d/);
    await screenshot(page, "queue-open-draft");

    // a approves, and the next draft opens
    await page.keyboard.press("a");
    await expect(toast(page, /^Approved “/)).toBeVisible();
    await expect.poll(async () => (await draftRow(first)).status).toMatch(APPROVED);
    await expect.poll(() => openDraftId(page)).not.toBe(first);
    decided.push({ id: first, action: "draft.approved" });

    // e edits; letters typed in a field are not shortcuts; Ctrl+Enter approves with the edits
    const second = openDraftId(page)!;
    await expect(page.getByRole("article")).toContainText(/Yours until/);
    await page.keyboard.press("e");
    await expect(page.getByLabel("Message", { exact: true })).toBeFocused();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" See you soon at the boutique, and thank you again.");
    const diff = page.getByRole("region", { name: "Changes from the AI's draft" });
    await expect(diff.locator("ins")).toContainText("See you soon at the boutique");
    await screenshot(page, "queue-edit-diff");
    await page.keyboard.press("Control+Enter");
    await expect(toast(page, /^Approved “/).last()).toBeVisible();
    await expect.poll(async () => (await draftRow(second)).status).toMatch(APPROVED);
    expect(String((await draftRow(second)).edited_output?.body)).toContain("See you soon at the boutique, and thank you again.");
    decided.push({ id: second, action: "draft.approved" });

    // r rejects with a reason and a note
    await expect.poll(() => openDraftId(page)).not.toBe(second);
    const third = openDraftId(page)!;
    await expect(page.getByRole("article")).toContainText(/Yours until/);
    await page.keyboard.press("r");
    const dialog = page.getByRole("dialog", { name: "Reject this client message?" });
    await expect(dialog.getByRole("radio", { name: "Facts are wrong" })).toBeFocused();
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.type("The watch was a gift, not for the client.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Reject" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(toast(page, /^Rejected “/)).toBeVisible();
    await expect.poll(async () => (await draftRow(third)).status).toBe("rejected");
    expect(await draftRow(third)).toMatchObject({ decision_reason: "inaccurate", decision_note: "The watch was a gift, not for the client." });
    decided.push({ id: third, action: "draft.rejected" });

    // x selects the current row, and again unselects it
    await page.keyboard.press("x");
    await expect(page.getByRole("group", { name: "Selected drafts" })).toContainText("1 client message selected");
    await page.keyboard.press("x");
    await expect(page.getByRole("group", { name: "Selected drafts" })).toBeHidden();

    // g then 2 switches tab
    await page.keyboard.press("g");
    await page.keyboard.press("2");
    await expect(page).toHaveURL(/kind=service_ticket/);

    // the decided draft's detail keeps the diff of the edit
    await page.goto(`/queue?kind=client_message&draft=${second}`);
    await expect(page.getByRole("region", { name: "Changes from the AI's draft" }).locator("ins")).toContainText("See you soon at the boutique");
    await expect(page.getByRole("region", { name: "Decision" })).toContainText("Approved by Margaux Lefèvre");
    await screenshot(page, "queue-decided-with-diff");
    await page.setViewportSize({ width: 1280, height: 2600 });
    await screenshot(page, "queue-decided-full-pane");
    await page.setViewportSize({ width: 1280, height: 720 });


  });

  test("approves, edits then approves, and rejects with the mouse", async ({ page }) => {
    await page.goto("/queue?kind=client_message");
    const list = page.getByRole("table", { name: /Client messages/ });
    await list.getByRole("row").nth(1).getByRole("link").click();
    await expect(page).toHaveURL(/draft=/);
    const first = openDraftId(page)!;
    const pane = page.getByRole("article");
    await expect(pane).toContainText(/Yours until/);
    await pane.getByRole("button", { name: /^Approve/ }).click();
    await expect(toast(page, /^Approved “/)).toBeVisible();
    await expect.poll(async () => (await draftRow(first)).status).toMatch(APPROVED);
    decided.push({ id: first, action: "draft.approved" });

    await expect.poll(() => openDraftId(page)).not.toBe(first);
    const second = openDraftId(page)!;
    await expect(pane).toContainText(/Yours until/);
    await pane.getByRole("button", { name: /^Edit/ }).click();
    await pane.getByLabel("Message", { exact: true }).fill("Dear client,\n\nThank you for choosing us. We look forward to seeing you again.");
    await expect(pane.getByRole("region", { name: "Changes from the AI's draft" }).locator("ins").first()).toBeVisible();
    await pane.getByRole("button", { name: "Save edits" }).click();
    await expect(toast(page, "Edits saved.")).toBeVisible();
    await expect(pane.getByText(/^Edited by Margaux Lefèvre/)).toBeVisible();
    await pane.getByRole("button", { name: /^Approve/ }).click();
    await expect(toast(page, /^Approved “/).last()).toBeVisible();
    await expect.poll(async () => (await draftRow(second)).status).toMatch(APPROVED);
    expect((await draftRow(second)).edited_output?.body).toBe("Dear client,\n\nThank you for choosing us. We look forward to seeing you again.");
    decided.push({ id: second, action: "draft.approved" });

    await expect.poll(() => openDraftId(page)).not.toBe(second);
    const third = openDraftId(page)!;
    await expect(pane).toContainText(/Yours until/);
    await pane.getByRole("button", { name: /^Reject/ }).click();
    const dialog = page.getByRole("dialog", { name: "Reject this client message?" });
    await dialog.getByRole("radio", { name: "Other (say why)" }).click();
    await dialog.getByRole("button", { name: "Reject" }).click();
    await expect(dialog.getByText("Say why the draft is rejected.")).toBeVisible();
    await dialog.getByLabel(/^Note/).fill("The client asked not to be thanked by e-mail.");
    await dialog.getByRole("button", { name: "Reject" }).click();
    await expect(toast(page, /^Rejected “/)).toBeVisible();
    await expect.poll(async () => (await draftRow(third)).status).toBe("rejected");
    expect((await draftRow(third)).decision_reason).toBe("other");
    decided.push({ id: third, action: "draft.rejected" });
  });

  test("sees each decision in the audit trail", async ({ page }) => {
    expect(decided).toHaveLength(6);
    for (const { id, action } of decided) {
      await page.goto(`/audit?targetId=${id}`);
      const table = page.getByRole("table");
      await expect(table.getByRole("row").filter({ hasText: action })).toHaveCount(1);
      await expect(table.getByRole("row").filter({ hasText: action })).toContainText("Margaux Lefèvre");
    }
  });

  test("bulk-approves selected drafts after a confirmation, with each draft's outcome", async ({ page }) => {
    await page.goto("/queue?kind=client_message");
    const list = page.getByRole("table", { name: /Client messages/ });
    const rows = list.getByRole("row");
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      await rows.nth(i).getByRole("checkbox").click();
      ids.push((await rows.nth(i).getAttribute("data-draft-id"))!);
    }
    await page.getByRole("button", { name: "Approve selected…" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve 3 client messages?" });
    await expect(dialog.getByRole("list", { name: "Selected drafts" }).getByRole("listitem")).toHaveCount(3);
    // someone else edits one of them meanwhile: that one conflicts, the others go through
    await queryE2e((sql) => sql`update drafts set version = version + 1 where id = ${ids[2]}`);
    await screenshot(page, "queue-bulk-confirm");
    await dialog.getByRole("button", { name: "Approve 3" }).click();
    const results = page.getByRole("dialog", { name: "2 of 3 approved" });
    await expect(results.getByRole("list", { name: "Results" })).toContainText("This draft was edited since you opened it.");
    await screenshot(page, "queue-bulk-results");
    await results.getByRole("button", { name: "Done" }).click();
    for (const id of ids.slice(0, 2)) expect((await draftRow(id)).status).toMatch(APPROVED);
    expect((await draftRow(ids[2])).status).toBe("pending");
  });

  test("reads a store's purchase recommendations without deciding them", async ({ page }) => {
    await page.goto(`/queue?kind=purchase_recommendation&draft=${drafts.recommendationId}`);
    const pane = page.getByRole("article");
    await expect(pane).toContainText("Aurelian SA, Genève");
    await expect(pane).toContainText("You can read this draft");
    await expect(pane.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
  });
});

test.describe("two reviewers", () => {
  test.use({ storageState: storageStateFor("manager") });

  test("the second sees who holds the draft, until it is let go", async ({ page, browser }) => {
    await page.goto("/queue?kind=client_message");
    await page.getByRole("table", { name: /Client messages/ }).getByRole("row").nth(1).getByRole("link").click();
    await expect(page.getByRole("article")).toContainText(/Yours until/);
    const id = openDraftId(page)!;

    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    try {
      const other = await admin.newPage();
      await other.goto(`/queue?kind=client_message&draft=${id}`);
      await expect(other.getByRole("article")).toContainText(/Margaux Lefèvre is reviewing this until \d\d:\d\d/);
      await expect(other.getByRole("article").getByRole("button", { name: /^Approve/ })).toHaveCount(0);
      await expect(other.locator(`tr[data-draft-id="${id}"]`)).toContainText("Margaux Lefèvre");
      await other.screenshot({ path: "test-results/screens/queue-claimed-by-other.png" });

      // closing the draft lets it go
      await page.keyboard.press("Escape");
      await expect(page).not.toHaveURL(/draft=/);
      await expect.poll(async () => (await queryE2e((sql) => sql`select claimed_by_id from drafts where id = ${id}`))[0].claimed_by_id).toBeNull();
      await other.reload();
      await expect(other.getByRole("article").getByRole("button", { name: /^Approve/ })).toBeVisible();
    } finally {
      await admin.close();
    }
  });
});

test.describe("a buyer", () => {
  test.use({ storageState: storageStateFor("buyer") });

  test("sees only purchase recommendations, without client data, and approves one", async ({ page }) => {
    await page.goto("/queue?kind=client_message");
    const tabs = page.getByRole("navigation", { name: "Kinds of draft" });
    await expect(tabs.getByRole("link")).toHaveText([/^Purchase recommendations/]);
    await expect(page.getByLabel("Client tier")).toHaveCount(0);
    // other specs (a replenishment run, the dashboard's history) may have queued many more recommendations: open this one by its URL
    await page.goto(`/queue?kind=purchase_recommendation&draft=${drafts.recommendationId}`);
    const pane = page.getByRole("article");
    await expect(pane).toContainText("Stock covers two weeks");
    await expect(pane.getByRole("region", { name: "Client" })).toHaveCount(0);
    await page.setViewportSize({ width: 1280, height: 1400 });
    await screenshot(page, "queue-buyer");
    await pane.getByRole("button", { name: /^Approve/ }).click();
    await expect(toast(page, /^Approved “/)).toBeVisible();
    await expect.poll(async () => (await draftRow(drafts.recommendationId)).status).toMatch(APPROVED);
    await expect(page.getByRole("link", { name: drafts.recommendationTitle })).toHaveCount(0);
  });
});

test.describe("an associate", () => {
  test.use({ storageState: storageStateFor("associate") });

  test("cannot reach the queue and has no link to it", async ({ page }) => {
    const response = await page.goto("/queue");
    expect(response?.status()).toBe(403);
    await expect(page.getByText("You don't have access to this page")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" })).toHaveCount(0);
  });
});
