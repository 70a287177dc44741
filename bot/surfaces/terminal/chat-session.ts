// The interactive terminal chat over an opened guide: answers each line until /quit or end
// of input, keeping the conversation window and the last cited answer for /sources.
import { createInterface } from "node:readline";
import type { Answer, ConversationTurn } from "../../core/answer-types.js";
import { rememberTurn } from "../../core/conversation.js";
import { renderTerminalAnswer } from "./render-terminal.js";
import type { PracticeGuide } from "../../core/answer-types.js";
import { APOLOGY_TEXT, EXAMPLE_QUESTIONS, PROJECT_WRITTEN_NOTE } from "../../core/wording.js";

const HELP = [
  "Ask a question about local-government leadership practice or equity work, for example:",
  ...EXAMPLE_QUESTIONS.map((q) => `  ${q}`),
  "Commands:",
  "  /sources     list the sources of the last answer",
  "  /sources N   print the full text of source [N] from the last answer",
  "  /new         start a new conversation (forget the earlier questions)",
  "  /help        show this help",
  "  /quit        leave (Ctrl-D works too)",
].join("\n");

export async function runChat(guide: PracticeGuide): Promise<void> {
  const colour = Boolean(process.stdout.isTTY);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) });
  console.log(`Practice Guide: answers from ICMA's practices and equity sources, with citations. Type /help for help.\n`);

  let history: ConversationTurn[] = [];
  let last: Answer | undefined;

  function listSources(): void {
    if (!last?.citations.length) {
      console.log("No sources to show yet: ask a question first.");
      return;
    }
    for (const c of last.citations) console.log(`[${c.n}] ${c.title} (${c.sectionId})`);
    console.log("Type /sources N to read source [N] in full.");
  }

  function showSource(arg: string): void {
    const n = Number(arg);
    const citation = last?.citations.find((c) => c.n === n);
    if (!citation) {
      console.log(last?.citations.length ? `There is no source [${arg}] in the last answer (1-${last.citations.length}).` : "No sources to show yet: ask a question first.");
      return;
    }
    const section = guide.getSection(citation.sectionId)!;
    const origin = section.source
      ? `${section.source.file}, lines ${section.source.lines[0]}-${section.source.lines[1]}`
      : PROJECT_WRITTEN_NOTE;
    console.log(`[${n}] ${section.title} (${section.id})\n${origin}\n\n${section.text}\n`);
  }

  rl.setPrompt(colour ? "\x1b[1m> \x1b[0m" : "> ");
  rl.prompt();
  /**
   * Shows generated text as it streams in (terminal only), then wipes it: the answer printed
   * after it is the verified one, which may have lost sentences whose citations failed.
   */
  function streamDraft(): { write?: (delta: string) => void; clear: () => void } {
    if (!colour) return { clear: () => {} };
    let started = false;
    return {
      write: (delta) => {
        if (!started) process.stdout.write("\x1b7\x1b[2m"); // save cursor, dim
        started = true;
        process.stdout.write(delta);
      },
      clear: () => {
        if (started) process.stdout.write("\x1b[0m\x1b8\x1b[J"); // restore cursor, clear below
      },
    };
  }

  try {
    // Iterating the interface (rather than rl.question) keeps piped input lines from being lost.
    for await (const line of rl) {
      const input = line.trim();
      if (input === "/quit" || input === "/exit") break;
      if (input === "/help") {
        console.log(HELP);
        rl.prompt();
        continue;
      }
      const sources = /^\/sources?\s*(\S*)$/.exec(input);
      if (sources) {
        if (sources[1]) showSource(sources[1]);
        else listSources();
        rl.prompt();
        continue;
      }
      if (input === "/new") {
        history = [];
        last = undefined;
        console.log("Starting a new conversation: earlier questions are forgotten.");
        rl.prompt();
        continue;
      }
      if (/^\/\S*$/.test(input)) {
        console.log(`There is no command ${input}. Type /help for the commands, or ask a question.`);
        rl.prompt();
        continue;
      }
      try {
        const draft = streamDraft();
        const answer = await guide.answer(line, { history, onText: draft.write });
        draft.clear();
        console.log(`${renderTerminalAnswer(answer, { colour })}\n`);
        if (answer.citations.length > 0) last = answer;
        history = rememberTurn(history, answer);
      } catch (error) {
        console.log(APOLOGY_TEXT);
        console.error((error as Error).message);
      }
      rl.prompt();
    }
  } finally {
    rl.close();
    await guide.close();
  }
}
