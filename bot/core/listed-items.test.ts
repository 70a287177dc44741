import { describe, expect, it } from "vitest";
import type { Section } from "../../corpus/section.js";
import { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import { missingListedItem, numberedReferences } from "./listed-items.js";
import { nonexistentItemReply } from "./wording.js";

const section = (id: string, title: string, text: string): Section => ({ id, kind: "program", title, text, parent: null, lines: [1, 1], source: null }) as Section;

const workshops = ["Design Thinking", "Customer Service", "Moving Forward with Data"].map((name, i) =>
  section(`workshops.w${i}`, `Workshop: ${name}`, `A workshop on ${name.toLowerCase()}.`),
);
const booking = section("workshops.booking", "ICMA workshops: price and how to reserve one", "Half-day workshops cost $3,960.");
const data = section("workshops.data", "Workshop: the Six E's", "This workshop will address each of the Six E’s of Data-Driven Communities – Envision, Engage, Earmark, Educate, Enact, and Evaluate.");
const program = section(
  "programs.structure",
  "How the program is structured",
  "The program has live events.\nHere is a list of program activities:\n- Breakout Group Meeting\n- Live Event\n- Read\n- Reflect\nYou can find the full breakdown online.",
);
const partners = section("resources.partners", "Partners and affiliates", "Partners and Affiliates\n\nLiving Cities\n\nWomen Leading Government\n\nGovernment Alliance on Race and Equity");
const all = [...workshops, booking, data, program, partners];
const byId = new Map(all.map((s) => [s.id, s]));
const stats = new CorpusStats(all);
const reply = (q: string, top: Section[]) => {
  const item = missingListedItem(q, top, byId, stats);
  return item ? nonexistentItemReply(item) : null;
};

describe("missingListedItem with a misspelt key noun", () => {
  it("reads 'recomendation 7' as the recommendation, not an item of an unnumbered list", () => {
    expect(missingListedItem("whats recomendation 7 in icmas toolkit", [booking], byId, stats)).toBeNull();
    expect(reply("whats tenet 7 in icmas toolkit", [booking])).toMatch(/^The guide's sources have no numbered tenets/);
  });
});

describe("numberedReferences", () => {
  it("reads ordinals before a noun and numbers after a document part, and leaves vague nouns alone", () => {
    expect(numberedReferences("what's the fifth ICMA workshop about?")).toEqual([{ nouns: ["ICMA", "workshop"], number: 5, form: "ordinal" }]);
    expect(numberedReferences("What does tenet 3 of the Declaration say?")).toEqual([{ nouns: ["tenet"], number: 3, form: "numbered" }]);
    for (const q of ["tell me about the second one", "in our first year", "We have 3 staff in Ward 3 after the flood", "COVID 19 response"]) expect(numberedReferences(q), q).toEqual([]);
  });
});

describe("missingListedItem", () => {
  it("counts sections titled by the noun", () => {
    expect(reply("tell me about the fifth workshop on the list", [booking])).toBe('There is no fifth workshop: there are 4 workshops. You could ask, for example: "What are the workshops?"');
    expect(reply("what is the fourth workshop?", [booking])).toBeNull();
  });

  it("reads a count the top sections state, and a list the best one has", () => {
    expect(reply("what's the seventh E?", [data])).toMatch(/^There is no seventh E in "Workshop: the Six E's": there are 6 E's\./);
    expect(reply("what's the sixth E?", [data])).toBeNull();
    expect(reply("What is the fifth activity on the program's list?", [program])).toMatch(/^There is no fifth activity in "How the program is structured": there are 4 activities\./);
    expect(reply("What is the fourth activity?", [program])).toBeNull();
    expect(reply("who's the fourth partner?", [partners])).toMatch(/there are 3 partners\./);
  });

  it("says a document part the sources never use is not numbered there", () => {
    expect(reply("what's tenet 3 of the Declaration of Ideals?", [booking])).toMatch(/^The guide's sources have no numbered tenets, so there is no tenet 3 in them\./);
  });

  it("says a noun the sources use only in a name numbers nothing, typed as keywords too", () => {
    const ideals = section("ideals", "Declaration of Ideals", "ICMA was founded with a commitment to representative local government.");
    const withIdeals = new Map([...byId, ["ideals", ideals]]);
    const refusal = (q: string) => {
      const item = missingListedItem(q, [ideals], withIdeals, new CorpusStats([...all, ideals]));
      return item ? nonexistentItemReply(item) : null;
    };
    expect(refusal("What does the fourteenth ideal in the Declaration of Ideals say?")).toMatch(/^The guide's sources have no numbered ideals/);
    expect(refusal("declaration of ideals ideal 13")).toMatch(/^The guide's sources have no numbered ideals, so there is no ideal 13 in them\./);
    expect(numberedReferences("tell me about the second one")).toEqual([]);
  });

  it("does not refuse when it cannot tell how long the list is", () => {
    expect(reply("what is the third step in design thinking?", [workshops[0]!])).toBeNull();
    expect(reply("first time supervisor tips", [booking])).toBeNull();
  });
});
