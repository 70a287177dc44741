import { describe, expect, it } from "vitest";
import { contentTerms } from "./text-terms.js";

describe("contentTerms", () => {
  it("keeps the content words and stems them so word families meet", () => {
    expect(contentTerms("Engaging the engagement of residents")).toEqual(["engag", "engag", "resident"]);
  });

  it("drops what a negative contraction leaves, typed with its apostrophe or without", () => {
    expect(contentTerms("what does it cost if we aren't members")).toEqual(contentTerms("what does it cost if we members"));
    expect(contentTerms("we arent members, don't pay, isnt it, doesn’t it, won't, cant, didnt")).toEqual(["memb", "pay"]);
  });
});
