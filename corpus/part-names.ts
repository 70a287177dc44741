// The words readers use to name the part of the corpus a section belongs to ("per the
// glossary", "the toolkit's recommendation on hiring", "that cyber program"). Most sections
// never use them: no glossary entry says "glossary" and no toolkit recommendation says
// "toolkit", so a question that names where it expects the answer read as asking for a word
// the answering section lacks.
import type { SectionKind } from "./section.js";

export const PART_NAMES: Readonly<Record<SectionKind, readonly string[]>> = {
  practice: ["practice"],
  dimension: ["practice", "dimension"],
  toolkit: ["toolkit"],
  recommendation: ["toolkit", "recommendation"],
  ideals: ["declaration", "ideals"],
  glossary: ["glossary"],
  workshop: ["workshop"],
  program: ["program"],
  research: ["research"],
  resource: ["resource"],
};
