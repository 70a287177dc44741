// Requests a guide that quotes its sources does not do, whatever corpus words they carry:
// making things up ("make up a quote from Practice 1", "pretend the toolkit says..."), taking
// sides or giving its own opinion ("which candidate should we endorse", "what's your personal
// take"), and finding out things about people ("which of my employees are gay", "a member's
// password"). Retrieval finds a section for each (Practice 1 for the made-up quote), and the
// answer then quotes it as if it were what was asked. A security rule like
// about-the-assistant.ts, not a topic list: each pattern names a kind of request, and a
// question that merely mentions the words ("what does the toolkit say about opinions?") asks
// the corpus, not the assistant; nor does it write things on request ("draft a termination
// letter", "write me a speech"): it says what the sources say. Checked against every
// answerable training and dev question: none is caught.
export type OutOfRole = "fabrication" | "opinion" | "personal-data" | "writing";

const REQUESTS: Array<{ kind: OutOfRole; pattern: RegExp }> = [
  {
    kind: "fabrication",
    pattern:
      /^(?:please\s+)?(?:(?:can|could|would)\s+you\s+|just\s+)?make\s+(?:something\s+)?up\b|\bmake\s+(?:something\s+)?up\s+(?:a|an|some|one)\b|\b(?:invent|fabricate|fake|forge)\s+(?:a|an|some|me)\b|\bpretend\s+(?:that\s+|it\s+|the\s+|you\b|to\s+be\b)|\bjust\s+(?:say|tell\s+me)\s+(?:that|it|the)\b|\bnobody\s+will\s+(?:check|know|notice)\b|\blooks?\s+real\b|\bas\s+(?:if|though)\s+(?:icma|the\s+(?:toolkit|practices?|sources?|guide))\b|\b(?:does\s+not|doesn['’]?t|do\s+not|don['’]?t)\s+(?:have|need)\s+to\s+be\s+(?:real|true|accurate|exact)\b|\bmake\s+it\s+sound\s+like\b|\b(?:write|draft|give\s+me|come\s+up\s+with)\s+(?:me\s+)?an?\s+(?:[\w-]+\s+){0,2}quote\s+(?:from|by)\b/i,
  },
  {
    kind: "opinion",
    pattern:
      /\byour\s+(?:own\s+|personal\s+|honest\s+)?(?:opinion|take|view|stance|position|belief|favou?rite)\b|\bdo\s+you\s+(?:personally\s+)?(?:agree|think|believe|support|like|prefer)\b|\b(?:which|what)\s+(?:political\s+)?(?:candidate|party|parties)\b|\b(?:endorse|vote\s+for)\b|\byes\s+or\s+no\b|\bwhich\s+side\s+is\s+(?:right|morally)\b/i,
  },
  {
    kind: "personal-data",
    pattern:
      /\b(?:my|his|her|their|(?:a|another)\s+member['’]s|someone['’]s|[a-z]+['’]s)\s+(?:[\w-]+\s+){0,2}password\b|\b(?:share|give|send)\b[^.?!]{0,40}\b(?:credentials|passwords?|login)\b|\b(?:credit\s+card|social\s+security|member\s+numbers|home\s+address(?:es)?)\b|\bwhich\s+of\s+(?:my|our)\s+(?:employees|staff|coworkers|co-workers|colleagues|workers)\s+(?:are|is)\b|\bnames\s+of\s+(?:the\s+)?(?:employees|staff|people|workers)\s+who\b|\b(?:actual|medical)\s+diagnosis\b|\bfind\s+out\s+(?:an?\s+)?(?:employee|worker|staffer|person)['’]s\b/i,
  },
  {
    // "Can you draft a termination letter...", "Write me a speech...": asked to write, not to say what the sources say.
    kind: "writing",
    pattern:
      /(?:^|[.?!]\s+)(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|please\s+|just\s+)?(?:draft|write|compose|generate|create)\s+(?:me\s+|us\s+)?(?:a|an|some|my|our)\s+(?:[\w-]+\s+){0,3}?(?:letter|email|e-mail|memo|speech|post|tweet|poem|haiku|essay|op-ed|press\s+release|policy|plan|contract|script|story|parody|certificate|resume|cover\s+letter|message|announcement|talking\s+points)\b/i,
  },
];

/** The kind of request the guide does not do, or null. */
export function outOfRole(question: string): OutOfRole | null {
  return REQUESTS.find(({ pattern }) => pattern.test(question))?.kind ?? null;
}
