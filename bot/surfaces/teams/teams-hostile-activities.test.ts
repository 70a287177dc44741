// Bodies that are JSON but not sensible activities: no or a numeric `type` get 400 (not the
// 500 CloudAdapter answered), `text` that is not a string cannot crash the turn, a missing
// serviceUrl gets 400 instead of a reply sent to api.botframework.com, and an oversized body
// gets 413 with the connection closed.
import { afterEach, describe, expect, it } from "vitest";
import { EMPTY_QUESTION_REPLY } from "../../core/wording.js";
import { personalMessage, startHarness, type Harness } from "../../testing/teams-harness.js";
import { MAX_BODY_BYTES } from "./inbound-activity.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("malformed activities", () => {
  it.each([
    ["no type", { type: undefined }],
    ["a numeric type", { type: 7 }],
    ["an empty type", { type: "" }],
    ["an object type", { type: { name: "message" } }],
  ])("an activity with %s gets 400 and no answer", async (_name, overrides) => {
    harness = await startHarness();
    const res = await harness.post(personalMessage("hello", overrides));
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/no type/);
    expect(harness.guide.calls).toHaveLength(0);
    expect(harness.logLines().find((l) => l.event === "teams_bad_activity")).toBeDefined();
  });

  it("an activity without a serviceUrl gets 400 and sends nothing anywhere (no api.botframework.com)", async () => {
    harness = await startHarness();
    const res = await harness.post(personalMessage("What is implicit bias?", { serviceUrl: undefined }));
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/serviceUrl/);
    expect(harness.guide.calls).toHaveLength(0);
    expect(harness.replies).toHaveLength(0);
    expect(harness.logLines().filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it("`text` as an object is dropped: the turn runs and gets the polite empty-question reply", async () => {
    harness = await startHarness();
    const res = await harness.post(personalMessage("x", { text: { evil: true } }));
    expect(res.status).toBe(200);
    expect(harness.guide.calls.map((c) => c.question)).toEqual([""]);
    expect(harness.replies.map((r) => r.text)).toEqual([EMPTY_QUESTION_REPLY]);
    expect(harness.logLines().filter((l) => l.event === "teams_turn_failed")).toEqual([]);
  });

  it("entities that are not an array, and a non-object `from`, do not crash the turn", async () => {
    harness = await startHarness();
    const res = await harness.post(personalMessage("What is implicit bias?", { entities: "mention", from: "ada" }));
    expect(res.status).toBe(200);
    expect(harness.replies).toHaveLength(1);
    expect(harness.logLines().filter((l) => l.event === "teams_turn_failed")).toEqual([]);
  });

  it("an oversized body gets 413 with the connection closed", async () => {
    harness = await startHarness();
    const res = await harness.post(personalMessage("x".repeat(MAX_BODY_BYTES)));
    expect(res.status).toBe(413);
    expect(harness.guide.calls).toHaveLength(0);
  });
});
