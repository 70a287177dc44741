// The `ask` command over an opened guide: one question (`--json` for the Answer as JSON), or
// `--jsonl`: {"q": "..."} lines on stdin, one Answer JSON per line out, in order. Lines that
// share a "conversation" value are turns of one conversation, in order: each is answered with
// the earlier turns as history (the same window every surface keeps); lines without it are
// independent.
import { createInterface } from "node:readline";
import { Command, Option } from "commander";
import { SECTION_KINDS, type SectionKind } from "../../../corpus/section.js";
import { renderTerminalAnswer } from "./render-terminal.js";
import type { ConversationTurn, PracticeGuide } from "../../core/answer-types.js";
import { rememberTurn } from "../../core/conversation.js";

export interface AskOptions {
  question: string;
  json?: boolean;
  jsonl?: boolean;
  kind?: SectionKind[];
}

/** Parses the command line; exits with usage help when there is nothing to answer. */
export function parseAskArgs(argv: readonly string[]): AskOptions {
  const program = new Command("ask")
    .description("Answer a question from the Practice Guide corpus")
    .argument("[question...]", "the question")
    .option("--json", "print the Answer as JSON")
    .option("--jsonl", "read one JSON object {\"q\": ...} per line from stdin; write one Answer JSON per line")
    .addOption(new Option("--kind <kind...>", "only search these section kinds").choices([...SECTION_KINDS]))
    .parse(argv);

  const opts = program.opts<{ json?: boolean; jsonl?: boolean; kind?: SectionKind[] }>();
  const question = program.args.join(" ");
  if (!opts.jsonl && !question.trim()) program.error("Give a question, or use --jsonl to read questions from stdin.");
  return { ...opts, question };
}

export async function runAsk(guide: PracticeGuide, opts: AskOptions): Promise<void> {
  const { question } = opts;
  try {
    if (opts.jsonl) {
      const conversations = new Map<string, ConversationTurn[]>();
      let lineNumber = 0;
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        lineNumber += 1;
        if (!line.trim()) continue;
        const request = parseLine(line);
        if (!request) {
          // Keep one output line per input line so callers can pair them up.
          process.stdout.write(`${JSON.stringify({ error: `line ${lineNumber}: expected a JSON object like {"q": "...", "conversation": "optional id"}` })}\n`);
          continue;
        }
        const history = request.conversation === undefined ? [] : (conversations.get(request.conversation) ?? []);
        const answer = await guide.answer(request.q, { kinds: opts.kind, history });
        if (request.conversation !== undefined) conversations.set(request.conversation, rememberTurn(history, answer));
        process.stdout.write(`${JSON.stringify(answer)}\n`);
      }
    } else {
      const answer = await guide.answer(question, { kinds: opts.kind });
      console.log(opts.json ? JSON.stringify(answer, null, 2) : renderTerminalAnswer(answer, { colour: Boolean(process.stdout.isTTY) }));
    }
  } finally {
    await guide.close();
  }
}

/** {"q": string, "conversation"?: string | number}, or null for anything else. */
function parseLine(line: string): { q: string; conversation?: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { q, conversation } = parsed as { q?: unknown; conversation?: unknown };
  if (typeof q !== "string") return null;
  if (conversation === undefined || conversation === null) return { q };
  if (typeof conversation !== "string" && typeof conversation !== "number") return null;
  return { q, conversation: String(conversation) };
}
