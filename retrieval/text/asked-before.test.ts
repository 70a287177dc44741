import { describe, expect, it } from "vitest";
import type { Section } from "../../corpus/section.js";
import { AskedBefore } from "./asked-before.js";

const summit: Section = {
  id: "programs.equity-summits",
  kind: "program",
  title: "ICMA Equity Summits",
  text: "A virtual gathering of equity officers. Past theme: Weaving Equity into the Fabric of Local Government.",
  parent: null,
  source: null,
  searchQuestions: ["What was the theme of the 2022 equity summit?", "Who is the equity summit for?"],
  unansweredQuestions: ["How much does it cost to register for the equity summit?", "Who gave the keynote at the equity summit?"],
};
const workshop: Section = {
  id: "workshops.design-thinking",
  kind: "workshop",
  title: "Design Thinking",
  text: "A workshop on design thinking.",
  parent: null,
  source: null,
  searchQuestions: ["How much does the design thinking workshop cost?"],
};
const bank = new AskedBefore([summit, workshop]);

describe("AskedBefore", () => {
  it("finds a new wording of a near-miss closer to the section's unanswered questions than to its answered ones", () => {
    const r = bank.resemblance("what would it cost me to register for the summit?", [summit.id]);
    expect(r.unanswered).toBeGreaterThan(r.answered);
  });

  it("finds a new wording of an answered question closer to the answered ones", () => {
    const r = bank.resemblance("what theme did the 2022 summit have", [summit.id]);
    expect(r.answered).toBeGreaterThan(r.unanswered);
  });

  it("compares only with the sections named: a price asked of another section is no evidence", () => {
    const r = bank.resemblance("how much does the equity summit cost?", [workshop.id]);
    expect(r.unanswered).toBe(0);
    expect(r.answered).toBeGreaterThan(0);
  });

  it("is 1 for a question asked word for word before and 0 for one sharing no word", () => {
    expect(bank.resemblance("Who is the equity summit for?", [summit.id]).answered).toBeCloseTo(1, 6);
    expect(bank.resemblance("snowplow schedules", [summit.id])).toEqual({ answered: 0, unanswered: 0 });
  });
});
