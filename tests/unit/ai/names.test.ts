import { describe, expect, it } from "vitest";
import { pieceName } from "@/lib/ai/offline/names";

describe("a piece's name in a draft", () => {
  it("puts the brand first once, whether or not the catalogue name already starts with it", () => {
    expect(pieceName({ brand: "Castellane", name: "Castellane Solène Quartz" })).toBe("Castellane Solène Quartz");
    expect(pieceName({ brand: "castellane", name: "Castellane Solène Quartz" })).toBe("Castellane Solène Quartz");
    expect(pieceName({ brand: "Aurelian", name: "Meridian Automatic 40" })).toBe("Aurelian Meridian Automatic 40");
    expect(pieceName({ brand: "", name: "Akoya strand" })).toBe("Akoya strand");
  });
});
