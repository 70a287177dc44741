// What counts as a citation marker, and the edits reconciliation, the surfaces and the evals
// make to them.
import { describe, expect, it } from "vitest";
import { citedSentences, findMarkerGroups, markerNumbers, replaceMarkerRuns, stripMarkers } from "./citation-markers.js";

describe("findMarkerGroups", () => {
  it("finds single and comma groups with their offsets and numbers", () => {
    const text = "Hire openly [1]. Listen [2, 10][3]. Not [a] or [ 4 ] or [].";
    expect(findMarkerGroups(text)).toEqual([
      { start: 12, end: 15, text: "[1]", numbers: [1] },
      { start: 24, end: 31, text: "[2, 10]", numbers: [2, 10] },
      { start: 31, end: 34, text: "[3]", numbers: [3] },
    ]);
    for (const g of findMarkerGroups(text)) expect(text.slice(g.start, g.end)).toBe(g.text);
  });

  it("finds nothing in text without markers", () => {
    expect(findMarkerGroups("[PM magazine, March 2020] and 3 [sic]")).toEqual([]);
  });
});

describe("markerNumbers", () => {
  it("lists every number in written order, repeats included", () => {
    expect(markerNumbers("a [2] b [1,3] c [2].")).toEqual([2, 1, 3, 2]);
  });
});

describe("stripMarkers", () => {
  it("removes every group, or replaces it", () => {
    expect(stripMarkers("One [1]. Two [1, 2][3].")).toBe("One . Two .");
    expect(stripMarkers("phrase[1]split", " ")).toBe("phrase split");
  });
});

describe("replaceMarkerRuns", () => {
  it("hands each run of adjacent groups its numbers and keeps the space before a replacement", () => {
    const seen: number[][] = [];
    const out = replaceMarkerRuns("A [1][2]. B [3] [4, 5]. C [6]", (numbers) => {
      seen.push(numbers);
      return `[${numbers.join("+")}]`;
    });
    expect(seen).toEqual([[1, 2], [3, 4, 5], [6]]);
    expect(out).toBe("A [1+2]. B [3+4+5]. C [6]");
  });

  it("drops a run and the space before it when the replacement is empty", () => {
    expect(replaceMarkerRuns("Claim [4]. Other [1] [4].", (n) => (n.includes(1) ? "[1]" : ""))).toBe("Claim. Other [1].");
  });

  it("leaves text without markers alone", () => {
    expect(replaceMarkerRuns("No markers here.", () => "x")).toBe("No markers here.");
  });
});

describe("citedSentences", () => {
  const texts = (text: string) => citedSentences(text).map((s) => s.text);

  it("keeps the markers that trail a sentence's punctuation with that sentence", () => {
    expect(texts("First claim [1]. Second claim.[2] Third claim? [3] Fourth")).toEqual([
      "First claim [1].",
      "Second claim.[2]",
      "Third claim? [3]",
      "Fourth",
    ]);
    expect(texts("One claim. [2]. Two [1, 3].")).toEqual(["One claim. [2].", "Two [1, 3]."]);
  });

  it("does not split after abbreviations or before a lowercase word", () => {
    expect(texts("Use tools, e.g. surveys and forums [1]. Then act [2].")).toEqual(["Use tools, e.g. surveys and forums [1].", "Then act [2]."]);
    expect(texts("Benoy Jacob, Ph.D. Director [1].")).toHaveLength(1);
    expect(texts("Work in the U.S. and abroad [1].")).toHaveLength(1);
  });

  it("treats each line as its own sentence, offsets into the text", () => {
    const text = "- one [1]\n- two [2]";
    expect(citedSentences(text)).toEqual([
      { text: "- one [1]", start: 0, end: 9 },
      { text: "- two [2]", start: 10, end: 19 },
    ]);
  });
});
