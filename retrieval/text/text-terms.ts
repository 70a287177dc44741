// Light lexical analysis shared by retrieval and the extractive composer: content words,
// crudely stemmed, so "engaging", "engagement" and "engage" meet.

// The last two lines are what a negative contraction leaves once tokenized ("aren't" gives
// "aren", and "t" is too short to keep), typed with or without its apostrophe: no section uses
// them, so as content words they only made a question look less covered than it is.
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further get gets got had has have having he her here hers him his
how i if in into is it its itself just let me more most my no nor not now of off on once only or other our ours out over own
please same she should so some such tell than that the their theirs them then there these they this those through to too
under until up us very was we were what whats when where which while who whom why will with would you your yours yourself
say says said mean means meant define definition thing things way ways really much many lot lots need needs want wants
know make sure something anything kind sort
aren isn don doesn didn wasn weren haven hasn hadn shouldn couldn wouldn won mustn needn
arent isnt dont doesnt didnt wasnt werent havent hasnt hadnt shouldnt couldnt wouldnt cant wont`.split(/\s+/),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Lowercased word tokens (letters, digits, internal apostrophes and hyphens split). */
export function tokenize(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/['\u2019]s\b/g, "")
      .match(/[a-z0-9$][a-z0-9$,]*[a-z0-9]|[a-z0-9]/g) ?? []
  ).map((t) => t.replace(/,/g, ""));
}

/** A crude suffix stripper: good enough to join word families in a small corpus. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  for (const suffix of ["ational", "ization", "ments", "ement", "ment", "ities", "ness", "ings", "ing", "ions", "ion", "ies", "ied", "ers", "ed", "es", "ly", "er", "s", "e", "y"]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Content terms of a text: stop words removed, stemmed. */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((t) => !STOP_WORDS.has(t) && t.length > 1)
    .map(stem);
}
