// Installing the bot (a conversationUpdate with the bot among membersAdded, an
// installationUpdate "add", or both) gets one short welcome with example questions.
import { afterEach, describe, expect, it } from "vitest";
import { askByMentionHint, EXAMPLE_QUESTIONS, GREETING_REPLY } from "../../core/wording.js";
import { BOT, installationUpdate, membersAdded, startHarness, USER, type Harness } from "../../testing/teams-harness.js";
import { renderTeamsWelcome } from "./render-welcome.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("welcome on install", () => {
  it("a 1:1 install gets one welcome with the example questions, however many install activities arrive", async () => {
    harness = await startHarness();
    expect((await harness.post(membersAdded([BOT.id]))).status).toBe(200);
    expect((await harness.post(installationUpdate("add"))).status).toBe(200);

    expect(harness.replies).toHaveLength(1);
    const welcome = harness.replies[0]!;
    expect(welcome.text).toBe(GREETING_REPLY);
    for (const q of [EXAMPLE_QUESTIONS[0], EXAMPLE_QUESTIONS[2]]) expect(welcome.text).toContain(q);
    expect((welcome.suggestedActions as { actions: Array<{ value: string }> }).actions.map((a) => a.value)).toEqual([...EXAMPLE_QUESTIONS]);
    expect(harness.guide.calls).toHaveLength(0);
    expect(harness.logLines().filter((l) => l.event === "teams_welcome")).toHaveLength(1);
  });

  it("an installationUpdate add in a team gets the welcome with how to ask by @mention", async () => {
    harness = await startHarness();
    await harness.post(installationUpdate("add", { inTeam: true }));
    expect(harness.replies).toHaveLength(1);
    expect(harness.replies[0]!.text).toContain(askByMentionHint(BOT.name));
    expect(harness.replies[0]!.suggestedActions).toBeUndefined();
  });

  it("says nothing when someone else joins, or on an upgrade or removal", async () => {
    harness = await startHarness();
    await harness.post(membersAdded([USER.id], { inTeam: true }));
    await harness.post(installationUpdate("add-upgrade"));
    await harness.post(installationUpdate("remove"));
    await harness.post(membersAdded([], { overrides: { membersAdded: [null, 7, { id: USER.id }] } }));
    expect(harness.replies).toHaveLength(0);
    expect(harness.logLines().filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});

describe("renderTeamsWelcome", () => {
  it("is the guide's greeting, with buttons only in a 1:1 chat and the mention hint elsewhere", () => {
    expect(renderTeamsWelcome({ conversationType: "personal", suggestTo: "29:u" })).toMatchObject({
      type: "message",
      text: GREETING_REPLY,
      suggestedActions: { to: ["29:u"] },
    });
    const group = renderTeamsWelcome({ conversationType: "groupChat", botName: "Practice Guide" });
    expect(group.text).toBe(`${GREETING_REPLY}\n\n${askByMentionHint("Practice Guide")}`);
    expect(group.suggestedActions).toBeUndefined();
    expect(Array.from(group.text).length).toBeLessThan(600);
  });
});
