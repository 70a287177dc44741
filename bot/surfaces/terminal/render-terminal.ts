// Terminal rendering: a pure function from an Answer to text, with ANSI colour when asked.
import type { Answer } from "../../core/answer-types.js";
import { PROJECT_WRITTEN_LABEL, PROJECT_WRITTEN_NOTE } from "../../core/wording.js";

export interface TerminalStyle {
  colour: boolean;
}

const ANSI = { bold: "\x1b[1m", dim: "\x1b[2m", cyan: "\x1b[36m", yellow: "\x1b[33m", reset: "\x1b[0m" };

export function renderTerminalAnswer(answer: Answer, style: TerminalStyle = { colour: false }): string {
  const paint = (code: keyof typeof ANSI, text: string) => (style.colour ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  // Control characters from a question or the corpus must not drive the terminal.
  const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, "");
  const lines = [clean(answer.text)];
  if (answer.citations.length > 0) {
    lines.push("", paint("bold", "Sources"));
    for (const c of answer.citations) {
      const label = c.writtenBy === "project" ? ` ${paint("yellow", `(${PROJECT_WRITTEN_LABEL.toLowerCase()}, ${PROJECT_WRITTEN_NOTE})`)}` : "";
      lines.push(`${paint("cyan", `[${c.n}]`)} ${clean(c.title)} ${paint("dim", `(${c.sectionId})`)}${label}`);
      lines.push(`    ${paint("dim", `“${clean(c.quote)}”`)}`);
    }
  }
  if (answer.mode === "generated") lines.push("", paint("dim", "Written by a language model from the cited sources; every quote was checked against them."));
  return lines.join("\n");
}
