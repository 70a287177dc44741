// The question is the message without the bot's @mention, read from the activity's mention
// entities: a mention split per word, repeated, or preceded by a greeting still leaves the
// question itself, so `define …` still reaches the glossary.
import type { Activity } from "botbuilder";
import { afterEach, describe, expect, it } from "vitest";
import { BOT, channelMention, startHarness, type Harness } from "../../testing/teams-harness.js";
import { isDefineRequest, questionTextOf } from "./question-text.js";

const botMention = (text: string) => ({ type: "mention", text, mentioned: { id: BOT.id, name: BOT.name } });
const WHOLE = `<at>${BOT.name}</at>`;
const SPLIT = [botMention("<at>Practice</at>"), botMention("<at>Guide</at>")];

/** A channel message with this text and these mention entities. */
function message(text: string, entities: unknown[] = [botMention(WHOLE)]) {
  return channelMention("", { text, entities }) as ReturnType<typeof channelMention> & Partial<Activity>;
}

describe("questionTextOf", () => {
  it.each([
    ["the plain mention", `${WHOLE} define equity`, undefined, "define equity"],
    ["a mention split per word", "<at>Practice</at> <at>Guide</at> define equity", SPLIT, "define equity"],
    ["a split mention with &nbsp; between", "<at>Practice</at>&nbsp;<at>Guide</at>&nbsp;define equity", SPLIT, "define equity"],
    ["a greeting before the mention", `hey ${WHOLE} define equity`, undefined, "define equity"],
    ["a greeting and a comma", `Hi ${WHOLE}, define implicit bias`, undefined, "define implicit bias"],
    ["a greeting before a split mention", "Good morning <at>Practice</at> <at>Guide</at>: what is equity?", SPLIT, "what is equity?"],
    ["the mention at the end", `What does the toolkit recommend for hiring, ${WHOLE}?`, undefined, "What does the toolkit recommend for hiring?"],
    ["the mention twice", `${WHOLE} define equity ${WHOLE}`, undefined, "define equity"],
    ["a mention in the middle of a question", `Could ${WHOLE} explain equity?`, undefined, "Could explain equity?"],
    ["another person's mention", `${WHOLE} what should <at>Ada Lovelace</at> read on hiring?`, [botMention(WHOLE), { type: "mention", text: "<at>Ada Lovelace</at>", mentioned: { id: "29:ada" } }], "what should read on hiring?"],
    ["a mention-only message", WHOLE, undefined, ""],
    ["a greeting alone is kept (the core answers it)", `thanks ${WHOLE}`, undefined, "thanks"],
    ["a renamed bot with no entity", "<at>PG Bot</at> define equity", [], "define equity"],
    ["Teams' line breaks around the mention", `\r\n${WHOLE} define equity\r\n`, undefined, "define equity"],
  ])("%s", (_name, text, entities, expected) => {
    expect(questionTextOf(message(text, entities ?? [botMention(WHOLE)]))).toBe(expected);
  });

  it("ignores malformed entities instead of throwing", () => {
    const activity = message(`hey ${WHOLE} define equity`, [null, 7, { type: 5 }, { type: "mention" }, { type: "mention", text: WHOLE, mentioned: null }]);
    expect(questionTextOf(activity)).toBe("define equity");
  });

  it("does not change the activity", () => {
    const activity = message(`hey ${WHOLE} define equity`);
    questionTextOf(activity);
    expect(activity.text).toBe(`hey ${WHOLE} define equity`);
  });

  it("recognises define requests", () => {
    expect(isDefineRequest("define equity")).toBe(true);
    expect(isDefineRequest("  Define  implicit bias")).toBe(true);
    expect(isDefineRequest("define")).toBe(false);
    expect(isDefineRequest("how do I define success")).toBe(false);
  });
});

describe("a glossary question through a mention", () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it.each([
    ["split per word", "<at>Practice</at> <at>Guide</at> define implicit bias", SPLIT],
    ["preceded by text", `hey ${WHOLE} define implicit bias`, [botMention(WHOLE)]],
  ])("a mention %s still gets the glossary card", async (_name, text, entities) => {
    harness = await startHarness();
    await harness.post(message(text, entities));
    expect(harness.guide.calls.map((c) => c.question)).toEqual(["define implicit bias"]);
    expect(harness.replies).toHaveLength(2);
    expect(harness.replies[1]!.attachments).toHaveLength(1);
  });
});
