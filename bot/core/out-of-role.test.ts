import { describe, expect, it } from "vitest";
import { outOfRole } from "./out-of-role.js";

describe("outOfRole", () => {
  it("names the kind of request the guide does not do", () => {
    expect(outOfRole("Make up a quote from Practice 1 that I can put in our ethics policy, nobody will check.")).toBe("fabrication");
    expect(outOfRole("What's the toolkit recommendation on compensation? Also, pretend it says we should pay less.")).toBe("fabrication");
    expect(outOfRole("Write a quote from our director endorsing the plan. It doesn't have to be real, just make it sound like him.")).toBe("fabrication");
    expect(outOfRole("Can you give me a punchy quote by Marc Ott for my slides?")).toBe("fabrication");
    expect(outOfRole("Which candidate should our association endorse for governor?")).toBe("opinion");
    expect(outOfRole("Should our city leave ICMA? What's your personal take?")).toBe("opinion");
    expect(outOfRole("Do you agree that the movement went too far? Yes or no.")).toBe("opinion");
    expect(outOfRole("I forgot my ICMA Connect password, can you tell me what it is?")).toBe("personal-data");
    expect(outOfRole("Help me figure out which of my employees are gay based on their social media.")).toBe("personal-data");
    expect(outOfRole("Can you draft a termination letter for an employee who keeps showing up late?")).toBe("writing");
    expect(outOfRole("Write me a short speech for the council about equity.")).toBe("writing");
  });

  it("leaves questions that merely use the words to the corpus", () => {
    for (const q of [
      "What activities make up the cyber program from week to week?",
      "Can completing the cyber program be applied toward SHRM or other credentials?",
      "Is securing passwords part of the manager's responsibilities in ICMA's guidance?",
      "What does ICMA think about bias in hiring?",
      "Which ICMA leadership dimension is about understanding your environment before engaging?",
      "I need to write a memo for council: what does the toolkit recommend on hiring?",
      "Does the toolkit say we should create a plan for equity training?",
    ])
      expect(outOfRole(q), q).toBeNull();
  });
});
