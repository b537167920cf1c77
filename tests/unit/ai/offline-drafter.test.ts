import { describe, expect, it } from "vitest";
import {
  clientelingNotePrompt,
  clientMessagePrompt,
  draftWith,
  mentionsPrice,
  OFFLINE_MODEL_ID,
  OfflineDrafter,
  Semaphore,
  serviceTicketPrompt,
  type ClientMessageOutput,
  type DraftInput,
  type DraftResult,
  type SaleLineContext,
  type ServiceTicketOutput,
} from "@/lib/ai";
import { draftInput, LINES } from "./fixtures";

const quiet = () => {};

async function draft<T>(prompt: Parameters<typeof draftWith<T>>[0]["prompt"], input: DraftInput): Promise<T> {
  const result: DraftResult<T> = await draftWith({
    model: new OfflineDrafter(),
    modelId: OFFLINE_MODEL_ID,
    prompt,
    input,
    semaphore: new Semaphore(4),
    log: quiet,
  });
  if (!result.ok) throw new Error(`draft failed: ${result.error}`);
  return result.output;
}

function expectNoPrice(text: string) {
  expect(mentionsPrice(text)).toBe(false);
  expect(text).not.toMatch(/48[\s ]?500|SEK/);
}

async function message(line: SaleLineContext, extra: Partial<DraftInput> = {}) {
  const output = await draft<ClientMessageOutput>(
    clientMessagePrompt,
    draftInput({ sale: { date: "2026-11-26", associate: "Jonas", lines: [line] }, ...extra }),
  );
  expectNoPrice(`${output.subject}\n${output.body}`);
  expect(output.body).toMatch(output.channel === "email" ? /^Dear Amélie,/ : /^Thank you, Amélie,/);
  expect(output.body).not.toContain("{{");
  expect(output.body).not.toMatch(/<[a-z/]/i);
  return output;
}

async function ticket(line: SaleLineContext, saleDate = "2026-11-26") {
  return draft<ServiceTicketOutput>(
    serviceTicketPrompt,
    draftInput({ sale: { date: saleDate, associate: "Jonas", lines: [line] } }),
  );
}

describe("offline drafter: client_message golden examples", () => {
  it("mechanical watch: magnetism, crown, warranty to the day, regulation after a year", async () => {
    const { channel, subject, body } = await message(LINES.mechanical);
    expect(channel).toBe("email");
    expect(subject).toBe("Thank you, Amélie: caring for your Aurelian Meridian Automatic 40");
    expect(body).toContain("Aurelian Meridian Automatic 40 (serial no. AUR-778812)");
    expect(body).toContain("magnets");
    expect(body).toContain("never operate the crown or pushers under water");
    expect(body).toContain("Warranty: 5 years from 26 November 2026, so until 26 November 2031.");
    expect(body).toContain("regulation check of its accuracy");
    expect(body).toContain("around 26 November 2027");
    expect(body).toContain("full service every 5 to 10 years");
    expect(body).toContain("From Aurelian: Water resistant to 100 m.");
    expect(body).toContain("Jonas, Vitrine Östermalm");
  });

  it("quartz watch: 4-second steps, battery check at 24 months, warranty 2 years", async () => {
    const { body } = await message(LINES.quartz);
    expect(body).toContain("4-second steps");
    expect(body).toContain("until 26 November 2028");
    expect(body).toContain("We will check the battery around 26 November 2028, with new gaskets and a water-resistance test");
  });

  it("diamond ring: last on, prong check, complimentary first cleaning after 6 months", async () => {
    const { body } = await message(LINES.diamondRing);
    expect(body).toContain("Put your ring on last");
    expect(body).toContain("chlorine");
    expect(body).toContain("so diamonds cannot scratch other stones");
    expect(body).toContain("Your first cleaning and prong (claw) check is complimentary");
    expect(body).toContain("around 26 May 2027");
    expect(body).toContain("Warranty: 1 year from 26 November 2026, so until 26 November 2027.");
    expect(body).toContain("rhodium plating");
  });

  it("pearls: last on first off, store flat, restringing", async () => {
    const { body } = await message(LINES.pearls);
    expect(body).toContain("last on, first off");
    expect(body).toContain("never hung");
    expect(body).toContain("come back around 26 November 2027 for restringing, then every 1 to 2 years");
    expect(body).toContain("around 26 November 2027");
    expect(body).not.toContain("serial no.");
  });

  it("electronics: warranty registration within 30 days, then yearly sensor cleaning", async () => {
    const { body } = await message(LINES.electronics);
    expect(body).toContain("Register the warranty with Nordlicht by 26 December 2026");
    expect(body).toContain("a sensor and lens cleaning every year keeps it at its best");
    expect(body).toContain("first around 26 November 2027");
    expect(body).toContain("until 26 November 2028");
  });

  it("mentions earlier pieces and asks to bring them to the first visit", async () => {
    const { body, rationale } = await message(LINES.diamondRing, {
      earlierPurchases: [{ date: "2025-03-14", brand: "Castellane", name: "Rivière earrings", category: "fine_jewellery" }],
    });
    expect(body).toContain("It is lovely to add to your Castellane Rivière earrings (March 2025).");
    expect(body).toContain("Do bring it along when you come in around 26 May 2027");
    expect(body).toContain("separate compartments");
    expect(rationale).toContain("1 earlier piece");
  });

  it("several pieces get one guide each", async () => {
    const output = await draft<ClientMessageOutput>(
      clientMessagePrompt,
      draftInput({
        client: { preferredAssociate: null },
        sale: { date: "2026-11-26", associate: null, lines: [LINES.mechanical, LINES.pearls] },
      }),
    );
    expect(output.subject).toContain("your new pieces");
    expect(output.body).toContain("Aurelian Meridian Automatic 40");
    expect(output.body).toContain("Maison Velour Akoya strand 45 cm");
    expect(output.body).toContain("The team at Vitrine Östermalm");
  });

  it("an SMS stays short, has no subject and still carries the dates", async () => {
    const output = await message(LINES.quartz, {
      client: { identity: draftInput().client.identity, channels: { email: false, sms: true }, preferredChannel: "sms", preferredAssociate: null },
    });
    expect(output.channel).toBe("sms");
    expect(output.subject).toBe("");
    expect(output.body.length).toBeLessThanOrEqual(480);
    expect(output.body).toContain("Warranty until 26 November 2028");
  });

  it("never states the price, even when a staff note does", async () => {
    const input = draftInput({ sale: { date: "2026-11-26", associate: "Jonas", lines: [LINES.diamondRing] } });
    expect(input.notes[0].text).toContain("48 500 SEK");
    const output = await draft<ClientMessageOutput>(clientMessagePrompt, input);
    expectNoPrice(JSON.stringify(output));
  });
});

describe("offline drafter: service_ticket", () => {
  it.each([
    ["mechanical", LINES.mechanical, "regulation", "2027-11-26"],
    ["quartz", LINES.quartz, "battery", "2028-11-26"],
    ["diamondRing", LINES.diamondRing, "cleaning", "2027-05-26"],
    ["pearls", LINES.pearls, "restringing", "2027-11-26"],
    ["electronics", LINES.electronics, "warranty_registration", "2026-12-26"],
  ] as const)("%s → %s due %s", async (_name, line, kind, dueOn) => {
    const output = await ticket(line);
    expect(output.kind).toBe(kind);
    expect(output.dueOn).toBe(dueOn);
    expect(output.description).toContain(line.brand);
  });

  it("first cleaning of fine jewellery is labelled complimentary", async () => {
    expect((await ticket(LINES.diamondRing)).title).toBe("First complimentary cleaning and check: Castellane Solitaire 1.2 ct, white gold");
  });

  it("a service already past its date falls due now and says so", async () => {
    const output = await ticket(LINES.quartz, "2023-06-01");
    expect(output.dueOn).toBe("2026-11-27");
    expect(output.description).toContain("overdue");
  });

  it("falls back to the category's interval when the product has none", async () => {
    const output = await ticket({ ...LINES.diamondRing, serviceIntervalMonths: null, serviceKind: null });
    expect(output).toMatchObject({ kind: "cleaning", dueOn: "2027-05-26" });
    expect(output.rationale).toContain("category's default");
  });
});

describe("offline drafter: clienteling_note", () => {
  const signals = {
    isHighValue: true,
    reasons: ["basket in the store's top 5 %", "lifetime value in the top 10 %"],
    purchasesLast12Months: 3,
    inStockSuggestions: [
      { brand: "Castellane", name: "Solitaire pendant", category: "fine_jewellery" as const },
      { brand: "Aurelian", name: "Alligator strap 20 mm", category: "mechanical_watch" as const },
      { brand: "Maison Velour", name: "Akoya studs", category: "pearls" as const },
      { brand: "Nordlicht", name: "Polaris Quartz 36", category: "quartz_watch" as const },
    ],
  };

  it("writes a note and a manager thank-you for a high-value client, naming only in-stock items", async () => {
    const output = await draft(clientelingNotePrompt, draftInput({ clienteling: signals }));
    expect(output.applicable).toBe(true);
    expect(output.note).toContain("Amélie Lindqvist bought Aurelian Meridian Automatic 40 on 26 November 2026 with Jonas.");
    expect(output.note).toContain("basket in the store's top 5 %");
    expect(output.managerThankYou).toContain("handwritten card");
    expect(output.nextBestActions).toHaveLength(3);
    expect(output.nextBestActions[0]).toMatchObject({ brand: "Aurelian", name: "Alligator strap 20 mm" });
    const inStock = new Set(signals.inStockSuggestions.map((s) => `${s.brand} ${s.name}`));
    for (const action of output.nextBestActions) expect(inStock.has(`${action.brand} ${action.name}`)).toBe(true);
    expectNoPrice(JSON.stringify(output));
  });

  it("proposes nothing for a client who is not high-value", async () => {
    const output = await draft(clientelingNotePrompt, draftInput({ clienteling: { ...signals, isHighValue: false } }));
    expect(output).toMatchObject({ applicable: false, note: "", managerThankYou: null, nextBestActions: [] });
  });
});

describe("offline drafter: determinism", () => {
  it("the same input gives the same output and the same input hash", async () => {
    const run = () =>
      draftWith({
        model: new OfflineDrafter(),
        modelId: OFFLINE_MODEL_ID,
        prompt: clientMessagePrompt,
        input: draftInput({ sale: { date: "2026-11-26", associate: "Jonas", lines: [LINES.mechanical, LINES.diamondRing] } }),
        semaphore: new Semaphore(1),
        log: quiet,
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.output).toEqual(b.output);
    expect(a.inputHash).toBe(b.inputHash);
    expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toMatchObject({ modelId: "vitrine-offline-drafter@1", promptId: "client_message.thank_you", promptVersion: "2026-11-27.1" });
    expect(a.usage.totalTokens).toBeGreaterThan(0);
  });
});
