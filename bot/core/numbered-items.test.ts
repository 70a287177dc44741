import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../corpus/load-corpus.js";
import { missingNumberedItem, namedRecommendations } from "./numbered-items.js";
import { nonexistentItemReply } from "./wording.js";

const { byId } = loadCorpus("corpus");
const reply = (q: string) => {
  const item = missingNumberedItem(q, byId);
  return item ? nonexistentItemReply(item) : null;
};

describe("missingNumberedItem", () => {
  it("says which practices exist when one past the last is asked for, however it is written", () => {
    for (const q of ["What is Practice 15?", "what does practice #15 say", "the fifteenth practice", "practice number twenty", "Tell me about the 15th practice"])
      expect(reply(q), q).toMatch(/^There is no Practice (15|20): the practices are numbered 1 to 14\./);
  });

  it("reads Roman numerals after the noun, but never the pronoun I", () => {
    expect(reply("Practice XV summary please.")).toMatch(/^There is no Practice 15: the practices are numbered 1 to 14\./);
    expect(reply("What does Recommendation XII of the toolkit say?")).toMatch(/^There is no toolkit recommendation 12/);
    expect(reply("What is Practice IV about?")).toBeNull();
    expect(reply("which practices I can point to about hiring?")).toBeNull();
    expect(namedRecommendations("what does recommendation IX say?", byId).map((s) => s.id)).toEqual(["toolkit.recommendations.9"]);
  });

  it("says which toolkit recommendations exist", () => {
    expect(reply("What's recommendation 12 in the toolkit?")).toMatch(/^There is no toolkit recommendation 12: .* numbered 1 to 11\./);
  });

  it("checks a dimension letter against the practice named, reading the letters from the corpus", () => {
    const letters = [...byId.keys()].filter((id) => id.startsWith("practices.8.leadership.")).map((id) => id.slice(-1).toUpperCase()).sort();
    const past = String.fromCharCode(letters.at(-1)!.charCodeAt(0) + 1);
    expect(reply(`Practice 8 leadership dimension ${past}?`)).toBe(
      `Practice 8 has no leadership dimension ${past}: its leadership dimensions run from A to ${letters.at(-1)}. You could ask, for example: "What is Practice 8 leadership dimension A?"`,
    );
    expect(reply(`management dimension z of practice 4`)).toMatch(/^Practice 4 has no management dimension Z/);
  });

  it("finds the practice by its name before the side, lettered parts of recommendations, and ordinals a word away", () => {
    expect(reply("what's integrity management dimension K?")).toMatch(/^Practice 1 has no management dimension K/);
    expect(reply("What is recommendation 6(a)?")).toMatch(/^There is no toolkit recommendation 6\(a\): .*no lettered parts/);
    expect(reply("what's the twelfth key recommendation in the ICMA toolkit?")).toMatch(/^There is no toolkit recommendation 12/);
    expect(reply("what's integrity management dimension B?")).toBeNull();
  });

  it("reads typos, small letters at the end of the ask, ordinal dimensions and sub-numbers", () => {
    expect(reply("equity and inclusion practice managment f whats it say")).toMatch(/^Practice 3 has no management dimension F/);
    expect(reply("integrity practice leadrship e")).toMatch(/^Practice 1 has no leadership dimension E/);
    expect(reply("What's the fifth leadership dimension in Practice 11?")).toMatch(/^Practice 11 has no leadership dimension E/);
    expect(reply("What's the fifth leadership item in Practice 11?")).toMatch(/^Practice 11 has no leadership dimension E/);
    expect(reply("Practice 14.5?")).toMatch(/no practice sub-item 14\.5/);
    expect(reply("Practice 4 management C(ii)?")).toMatch(/no dimension sub-item C\(ii\)/);
    expect(reply("What does recommendation 6.1 in the toolkit say?")).toMatch(/no recommendation sub-item 6\.1/);
    expect(reply("What's the second leadership dimension in Practice 11?")).toBeNull();
    expect(reply("does practice 4 management a lot of people well")).toBeNull();
  });

  it("leaves items that exist, and ordinary words, alone", () => {
    for (const q of ["What is Practice 14 management dimension B?", "recommendation 11", "the first practice", "leadership a lot of the time in practice 3", "How do I book a workshop?", "What is management dimension A?"])
      expect(reply(q), q).toBeNull();
  });
});

describe("namedRecommendations", () => {
  it("finds the recommendations a question names by number, however it is written, in the order named", () => {
    const ids = (q: string) => namedRecommendations(q, byId).map((s) => s.id);
    expect(ids("whats recomendation 7 in icmas toolkit")).toEqual(["toolkit.recommendations.7"]);
    expect(ids("the third recommendation")).toEqual(["toolkit.recommendations.3"]);
    expect(ids("compare rec 9 with recommendation 2")).toEqual(["toolkit.recommendations.9", "toolkit.recommendations.2"]);
    // One that does not exist is not found (missingNumberedItem answers it), nor is a practice.
    expect(ids("recommendation 12")).toEqual([]);
    expect(ids("What does Practice 7 say?")).toEqual([]);
  });
});

describe("missingNumberedItem in a follow-up", () => {
  it("checks a letter against the practice the conversation is in, when the question names none", () => {
    expect(missingNumberedItem("and what's management item M after that?", byId, 14)).toMatchObject({ kind: "dimension", practice: "14", side: "management", asked: "M" });
    expect(missingNumberedItem("and management dimension J of that practice?", byId, 7)).toMatchObject({ kind: "dimension", practice: "7", asked: "J" });
    expect(missingNumberedItem("and management dimension B of that practice?", byId, 7)).toBeNull();
  });
});
