// The `ask` command over an opened guide: one question (`--json` for the Answer as JSON), or
// `--jsonl`: {"q": "..."} lines on stdin, one Answer JSON per line out, in order.
import { createInterface } from "node:readline";
import { Command, Option } from "commander";
import { SECTION_KINDS, type SectionKind } from "../../../corpus/section.js";
import { renderTerminalAnswer } from "./render-terminal.js";
import type { PracticeGuide } from "../../core/answer-types.js";

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
      let lineNumber = 0;
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        lineNumber += 1;
        if (!line.trim()) continue;
        let q: unknown;
        try {
          q = (JSON.parse(line) as { q?: unknown }).q;
        } catch {
          q = undefined;
        }
        if (typeof q !== "string") {
          // Keep one output line per input line so callers can pair them up.
          process.stdout.write(`${JSON.stringify({ error: `line ${lineNumber}: expected a JSON object like {"q": "..."}` })}\n`);
          continue;
        }
        process.stdout.write(`${JSON.stringify(await guide.answer(q, { kinds: opts.kind }))}\n`);
      }
    } else {
      const answer = await guide.answer(question, { kinds: opts.kind });
      console.log(opts.json ? JSON.stringify(answer, null, 2) : renderTerminalAnswer(answer, { colour: Boolean(process.stdout.isTTY) }));
    }
  } finally {
    await guide.close();
  }
}
