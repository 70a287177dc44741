import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../platform/logger.js";
import { adaptiveCardErrors } from "../../testing/adaptive-card-schema.js";
import { fakePracticeGuide, glossaryAnswer } from "../../testing/fake-practice-guide.js";
import { channelMention, invoke, personalMessage, startHarness, type Harness } from "../../testing/teams-harness.js";
import { renderTeamsAnswer } from "./render-teams-answer.js";
import { createTeamsRoute } from "./teams-endpoint.js";
import { APOLOGY_TEXT, EMPTY_QUESTION_REPLY } from "../../core/wording.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

type Entity = { type: string; citation?: Array<{ position: number }>; additionalType?: string[] };

describe("Teams /api/messages", () => {
  it("answers a 1:1 message with exactly one reply carrying the text and its citation entities", async () => {
    harness = await startHarness();
    const activity = personalMessage("What is implicit bias?");
    const response = await harness.post(activity);

    expect(response.status).toBe(200);
    expect(harness.guide.calls.map((c) => c.question)).toEqual(["What is implicit bias?"]);
    expect(harness.replies).toHaveLength(1);
    const reply = harness.replies[0]!;
    expect(reply.replyToId).toBe(activity.id);
    expect(reply.text).toContain("Attitudes or stereotypes");
    const entity = (reply.entities as Entity[]).find((e) => e.type === "https://schema.org/Message")!;
    expect(entity.citation!.map((c) => c.position)).toEqual(glossaryAnswer().citations.map((c) => c.n));
    expect(entity.additionalType).toBeUndefined();
    // The whole entity survives the connector's serialiser (see keep-entity-properties.ts).
    expect(reply.entities).toEqual(renderTeamsAnswer(glossaryAnswer("What is implicit bias?")).entities);
    expect(reply.channelData).toEqual({ feedbackLoopEnabled: true });
    // Not a define request, so no glossary card.
    expect(reply.attachments ?? []).toEqual([]);
  });

  it("strips the bot's @mention in a channel before calling answer()", async () => {
    harness = await startHarness();
    await harness.post(channelMention("What does the toolkit recommend for hiring?"));

    expect(harness.guide.calls.map((c) => c.question)).toEqual(["What does the toolkit recommend for hiring?"]);
    expect(harness.replies).toHaveLength(1);
    const entity = (harness.replies[0]!.entities as Entity[])[0]!;
    expect(entity.additionalType).toEqual(["AIGeneratedContent"]);
  });

  it("passes a mention-only message as an empty question and replies with the core's polite text", async () => {
    harness = await startHarness();
    await harness.post(channelMention(""));
    expect(harness.guide.calls.map((c) => c.question)).toEqual([""]);
    expect(harness.replies).toHaveLength(1);
    expect(harness.replies[0]!.text).toBe(EMPTY_QUESTION_REPLY);
  });

  it("never answers a redelivered activity id twice", async () => {
    harness = await startHarness();
    const activity = personalMessage("What is implicit bias?");
    expect((await harness.post(activity)).status).toBe(200);
    expect((await harness.post(activity)).status).toBe(200);

    expect(harness.guide.calls).toHaveLength(1);
    expect(harness.replies).toHaveLength(1);
    expect(harness.logLines().some((l) => l.event === "teams_redelivery_ignored")).toBe(true);
  });

  it("sends a `define` reply as the answer and then the glossary card as a message of its own", async () => {
    harness = await startHarness();
    await harness.post(personalMessage("define implicit bias"));
    expect(harness.replies).toHaveLength(2);
    const [text, card] = harness.replies;
    // Text plus a card in one activity is split in two by Teams, with no id for the card.
    expect(text!.attachments ?? []).toEqual([]);
    expect(text!.text).toContain("Attitudes or stereotypes");
    expect(card!.text).toBeUndefined();
    const attachments = card!.attachments as Array<{ contentType: string; content: unknown }>;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(adaptiveCardErrors(attachments[0]!.content)).toEqual([]);
    expect(JSON.stringify(attachments[0]!.content)).toContain("Project-written definition");
    // "Used in" names the section by its title, never its id.
    expect(JSON.stringify(attachments[0]!.content)).toContain("Used in");
    expect(JSON.stringify(attachments[0]!.content)).toContain("Equity and Inclusion — management C");
    expect(JSON.stringify(attachments[0]!.content)).not.toContain("practices.3.management.c");
    expect(card!.channelData).toEqual({ feedbackLoopEnabled: true });
    expect(card!.replyToId).toBe(text!.replyToId);
  });

  it("feedback on a `define` reply's card names its question and cited sections", async () => {
    harness = await startHarness();
    await harness.post(personalMessage("define implicit bias"));
    // The connector's ids for the two messages: bot-reply-1 (text), bot-reply-2 (card).
    await harness.post(invoke("message/submitAction", { actionName: "feedback", actionValue: { reaction: "like" } }, { replyToId: "bot-reply-2" }));
    const events = harness.logLines().filter((l) => l.event === "answer_feedback");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      verdict: "like",
      replyToId: "bot-reply-2",
      question: "define implicit bias",
      sectionIds: ["glossary.implicit-bias", "practices.3.management.c"],
    });
  });

  it("passes the earlier turns of the same conversation as history, and keeps conversations apart", async () => {
    harness = await startHarness();
    await harness.post(personalMessage("define implicit bias"));
    await harness.post(personalMessage("What does the toolkit recommend for hiring?"));
    await harness.post(channelMention("What does the toolkit recommend for hiring?"));

    const [first, second, other] = harness.guide.calls;
    expect(first!.options?.history).toEqual([]);
    expect(second!.options?.history?.map((t) => t.question)).toEqual(["define implicit bias"]);
    expect(second!.options?.history?.[0]?.answer?.status).toBe("answered");
    expect(other!.options?.history).toEqual([]);
  });

  it("apologises and logs one error line when answer() throws, then keeps serving", async () => {
    harness = await startHarness();
    expect((await harness.post(personalMessage("explode"))).status).toBe(200);
    expect(harness.replies.map((r) => r.text)).toEqual([APOLOGY_TEXT]);
    const errors = harness.logLines().filter((l) => (l.level as number) >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ event: "answer_failed", err: "index unavailable", surface: "teams" });

    await harness.post(personalMessage("What is implicit bias?"));
    expect(harness.replies).toHaveLength(2);
    expect(harness.replies[1]!.text).toContain("Attitudes or stereotypes");
  });

  it("returns the implicit-bias card for a message-extension query on a partial term", async () => {
    harness = await startHarness();
    const response = await harness.post(
      invoke("composeExtension/query", { commandId: "searchGlossary", parameters: [{ name: "term", value: "impl" }], queryOptions: { skip: 0, count: 25 } }),
    );
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as {
      composeExtension: { type: string; attachments: Array<{ content: { body: Array<{ text?: string }> }; preview: { content: { title: string } } }> };
    };
    expect(body.composeExtension.type).toBe("result");
    const titles = body.composeExtension.attachments.map((a) => a.preview.content.title);
    expect(titles).toContain("Implicit bias");
    const card = body.composeExtension.attachments.find((a) => a.preview.content.title === "Implicit bias")!.content;
    expect(adaptiveCardErrors(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain("Equity and Inclusion — management C");
    expect(JSON.stringify(card)).not.toContain("practices.3.management.c");
    expect(card.body[0]!.text).toBe("Implicit bias");
    expect(harness.replies).toHaveLength(0);
    expect(harness.guide.calls).toHaveLength(0);
  });

  it("returns an empty, friendly result for an unknown term", async () => {
    harness = await startHarness();
    const response = await harness.post(
      invoke("composeExtension/query", { commandId: "searchGlossary", parameters: [{ name: "term", value: "quantum" }] }),
    );
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { composeExtension: { type: string; text: string; attachments?: unknown[] } };
    expect(body.composeExtension.attachments ?? []).toEqual([]);
    expect(body.composeExtension.text).toMatch(/No glossary term matches “quantum”/);
  });

  it("acknowledges a feedback invoke and logs one answer_feedback event naming the answer", async () => {
    harness = await startHarness();
    await harness.post(personalMessage("define implicit bias"));
    const response = await harness.post(
      invoke(
        "message/submitAction",
        { actionName: "feedback", actionValue: { reaction: "dislike", feedback: JSON.stringify({ feedbackText: "Missing the toolkit view" }) } },
        { replyToId: "bot-reply-1" },
      ),
    );
    expect(response.status).toBe(200);
    const events = harness.logLines().filter((l) => l.event === "answer_feedback");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: "answer_feedback",
      surface: "teams",
      verdict: "dislike",
      replyToId: "bot-reply-1",
      comment: "Missing the toolkit view",
      question: "define implicit bias",
      sectionIds: ["glossary.implicit-bias", "practices.3.management.c"],
    });
    expect(harness.replies).toHaveLength(2);
  });

  it("rejects an unauthenticated POST with 401 when an app id is configured, without answering", async () => {
    const password = "s3cret-app-password-value";
    harness = await startHarness({
      config: { appId: "5c7a1d0e-1111-4222-8333-444455556666", appPassword: password, appType: "MultiTenant", localDevNoAuth: true, httpTimeoutMs: 10_000 },
    });
    const response = await harness.post(personalMessage("define implicit bias"));
    expect(response.status).toBe(401);
    expect(harness.guide.calls).toHaveLength(0);
    expect(harness.replies).toHaveLength(0);
    const logs = JSON.stringify(harness.logLines());
    expect(logs).toContain("teams_local_dev_flag_ignored");
    expect(logs).not.toContain(password);
  });

  it("rejects a forged bearer token with 401", async () => {
    harness = await startHarness({
      config: { appId: "5c7a1d0e-1111-4222-8333-444455556666", appPassword: "pw", appType: "MultiTenant", localDevNoAuth: false, httpTimeoutMs: 10_000 },
    });
    const response = await harness.post(personalMessage("hello"), { authorization: "Bearer not-a-jwt" });
    expect(response.status).toBe(401);
    expect(harness.guide.calls).toHaveLength(0);
  });

  it("answers 405 to GET and 400 to a body that is not JSON", async () => {
    harness = await startHarness();
    expect((await fetch(harness.url)).status).toBe(405);
    const bad = await fetch(harness.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
  });
});

describe("createTeamsRoute", () => {
  function silentLogger() {
    const lines: string[] = [];
    const logger = createLogger("info", new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    return { logger, lines };
  }

  it("is off (null → 404 from the server) when no app id is configured and the local-dev flag is off", () => {
    const { logger } = silentLogger();
    const route = createTeamsRoute({ config: { appType: "MultiTenant", localDevNoAuth: false, httpTimeoutMs: 10_000 }, guide: fakePracticeGuide(), logger });
    expect(route).toBeNull();
  });

  it("warns loudly when it runs without authentication for local development", () => {
    const { logger, lines } = silentLogger();
    const route = createTeamsRoute({ config: { appType: "MultiTenant", localDevNoAuth: true, httpTimeoutMs: 10_000 }, guide: fakePracticeGuide(), logger });
    expect(route?.path).toBe("/api/messages");
    const warning = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === "teams_auth_disabled");
    expect(warning?.level).toBe(40);
    expect(String(warning?.msg)).toMatch(/UNAUTHENTICATED/);
  });
});
