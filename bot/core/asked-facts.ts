// Questions that ask for one specific fact (an amount, a count, a percentage, a duration, a
// date, a person, a place, a phone number, an email or street address) are answered only when
// a retrieved section states a fact of that kind about the very thing asked.
//
// Why a rule and not similarity: "how much does a half-day workshop cost" and "how much does a
// full-day workshop cost" are nearly the same vector and share every common word, but the
// corpus states only the first. Two checks catch the difference:
//   - the value: the section must contain something of the asked kind ($3,960; "48 credit
//     hours" for "how many hours"; "June 30" for "when do applications close");
//   - the focus: every content word of the asking clause, apart from the words that only say
//     what kind of fact is wanted ("how much", "cost", "when", "who wrote"), must occur in
//     the section, its parent's title or its search keywords. "full-day", "keynote", "last
//     year", "Denver" are focus words, so a section that lacks them cannot answer.
import { countries } from "countries-list";
import type { Section } from "../../corpus/section.js";
import type { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import { contentTerms, stem, tokenize } from "../../retrieval/text/text-terms.js";
import { splitIntoUnits } from "../../retrieval/index/chunk-sections.js";

export type FactKind = "contents" | "amount" | "count" | "percentage" | "score" | "duration" | "frequency" | "date" | "person" | "affiliation" | "place" | "venue" | "document" | "phone" | "email" | "address";

export interface AskedFact {
  kind: FactKind;
  /** The clause of the question that asks for the fact. */
  clause: string;
  /** Stemmed words the stating section must contain: what the fact is about. */
  focus: string[];
  /** For counts, the stemmed words that may follow the number ("how many credit hours" → credit, hour). */
  counted: string[];
  /**
   * What an earlier question was about, for a follow-up's fact ("how much does it cost if I'm
   * a member?" after "what does ICMA compare its cybersecurity program to?"): the stating
   * section must hold half of these words, not all, since that question's words were its own.
   */
  about?: string[];
}

interface FactPattern {
  kind: FactKind;
  asks: RegExp;
  /** Where the focus words must be found: anywhere in the section, or in its title (what it is about). */
  focusIn?: "section" | "title";
  /** Words that only say which kind of fact is wanted; they are not part of the focus. */
  slotWords: string[];
  /** What a section must contain to state such a fact; null when the focus check alone decides. */
  states: RegExp | null;
  /** Asked only in a follow-up, whose few words leave the model little to go on (see the pattern). */
  inFollowUpOnly?: boolean;
}

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|twenty|thirty|forty|fifty|hundred|dozen";
const PERSON_VERBS =
  "wrote|co-wrote|cowrote|authored|co-authored|coauthored|writes|leads|led|runs|ran|heads|headed|founded|created|started|teaches|taught|gave|spoke|won|sponsors|sponsored|funds|funded|developed|chairs|chaired|organizes|organized|hosts|hosted|facilitates|facilitated|delivers|delivered|presented|presents|signed|asked|requested|commissioned|recommended|proposed|called";

/** An interval stated: "annually", "every two years", "once a month". */
const FREQUENCY = /\b(?:annual(?:ly)?|yearly|biennial(?:ly)?|monthly|weekly|daily|quarterly|semi-?annual(?:ly)?|every\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|quarters?)|once\s+(?:a|per|every)|twice\s+(?:a|per)|(?:per|a)\s+(?:year|month|week|quarter))\b/i;
/** How often said without an interval: "Periodically establishing personal development goals". */
const RECURRING = /\b(?:periodic(?:ally)?|continual(?:ly)?|continuous(?:ly)?|regular(?:ly)?|ongoing|routine(?:ly)?|constant(?:ly)?)\b/i;
/** A question naming an interval of its own ("every year or every quarter?") asks for one, which "periodically" is not. */
const ASKS_AN_INTERVAL = /\b(?:exactly|precise(?:ly)?|specific|interval|annual(?:ly)?|yearly|monthly|weekly|quarterly|daily|twice|every\s+(?:\w+\s+)?(?:years?|months?|weeks?|quarters?|days?)|once\s+(?:a|per|every)|\d+)\b/i;

// "the budget practice", "budget transparency": "budget" naming a kind of thing, not asking
// for an amount (a following word that is not a preposition, pronoun, verb of asking, the
// asker's "ICMA" or a word for the amount itself: "the budget amount", "the budget ICMA
// recommends" do ask).
const MODIFIES_A_NOUN = String.raw`(?!\s+(?!(?:for|of|per|to|in|on|if|and|or|is|are|was|be|like|look|we|you|they|it|this|that|the|does|do|should|would|could|will|can|icma|amount|amounts|figure|figures|number|total|line|item)\b)[a-z]{4,})`;

const FACT_PATTERNS: FactPattern[] = [
  {
    // "What does the St. Paul racial equity toolkit recommend...": the corpus can say what a named
    // source says only if it holds that source, that is, has a section titled with its name.
    // Only the capitalised names count as focus here; see namedSourceFocus.
    kind: "contents",
    asks: /\bwhat\s+(?:does|do|did|would)\s+(?:the\s+)?(?:[\w.'’&-]+\s+){0,8}?(?:recommend|say|suggest|advise|propose|require|teach)(?:s)?\b/i,
    focusIn: "title",
    slotWords: [],
    states: null,
  },
  {
    kind: "phone",
    asks: /\b(?:phone|telephone|cell)\s+(?:number|no\b|#)|\bwhat\s+number\s+(?:do|should|can)\s+i\s+call\b/i,
    slotWords: ["phone", "telephone", "cell", "number", "call"],
    states: /\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/,
  },
  {
    kind: "email",
    asks: /\be-?mail\s+address\b|\b(?:what|which)(?:['’]s|\s+is)?\s+(?:the\s+|their\s+|his\s+|her\s+|its\s+)?e-?mail\b/i,
    slotWords: ["email", "mail", "address", "contact"],
    states: /\b[\w.+-]+@[\w-]+\.[\w.]+\b/,
  },
  {
    kind: "address",
    asks: /\b(?:home|street|mailing|office|physical)\s+address\b|\bwhere\s+(?:does|do)\s+\S+\s+live\b/i,
    slotWords: ["home", "street", "mailing", "physical", "address", "live"],
    states: /\b\d+\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way)\b/,
  },
  {
    kind: "percentage",
    asks: /\b(?:what|which)\s+(?:percent(?:age)?|share|proportion|fraction)\b|\bhow\s+many\s+percent\b/i,
    slotWords: ["percent", "percentage", "share", "proportion", "fraction"],
    states: /\d\s*%|\bpercent\b/i,
  },
  {
    // "the passing score", "what score do I need", "the minimum grade"
    kind: "score",
    asks: /\b(?:passing|minimum|required|cut-?off|qualifying)\s+(?:score|grade|mark)s?\b|\bwhat\s+(?:score|grade|mark)\b|\bscore\s+(?:do|does|must|should)\b/i,
    slotWords: ["passing", "pass", "minimum", "required", "cutoff", "cut", "off", "qualifying", "score", "scores", "grade", "grades", "mark", "marks", "need", "needed"],
    states: /\b\d+\s*(?:%|percent|points?|out\s+of)\b|\bscore\s+of\s+\d/i,
  },
  {
    kind: "count",
    asks: /\bhow\s+many\b(?!\s+percent)/i,
    slotWords: ["how", "many", "number", "total", "worth", "altogether", "count", "counts", "counted"],
    states: null, // a number counting the asked noun; see statesCount
  },
  {
    kind: "amount",
    asks: new RegExp(
      [
        String.raw`\bhow\s+much\s+(?:does|do|did|is|are|was|were|will|would)\b(?![^?]*\b(?:matter|matters|help|influence|affect|weigh|count|know|understand|expect|care|focus|involve|emphasi[sz]e|stress|pay\s+attention)\b)`,
        String.raw`\bwhat\s+(?:is|are|was|were|['’]s|does|do)\s+(?:(?:the|a|an|its|their|our)\s+)?(?:[\w'’-]+\s+){0,3}(?:cost|costs|price|prices|fee|fees|dues|tuition|salary|salaries|budget${MODIFIES_A_NOUN}|tax\s+rate|rate)\b(?!\s+(?:of\s+)?(?:equity|inclusion|change|turnover|participation))`,
        String.raw`\bwhat\s+does\s+(?:[\w'’-]+\s+){1,6}cost\b`,
        // "what does a full-day one run?", "how much would that run us?"
        String.raw`\b(?:what|how\s+much)\s+(?:does|do|would|will)\s+(?:[\w'’-]+\s+){1,6}run(?:\s+(?:us|me|you))?\s*[?.!]*\s*$`,
        String.raw`\bhow\s+much\s+(?:money|funding|grant\s+money|stipend|financial\s+support|compensation)\b`,
        // "How much should we budget per employee", "what recognition budget does ICMA suggest"
        String.raw`\bhow\s+much\s+(?:money\s+)?(?:should|would|can|could|do|does)\s+(?:[\w'’-]+\s+){0,3}?(?:spend|budget|pay|set\s+aside|allocate|charge|invest)\b`,
        String.raw`\bwhat\s+(?:[\w'’-]+\s+){0,2}(?:budget|price|fee|salary)\s+(?:does|do|should|would)\b`,
        String.raw`^\s*(?:the\s+)?(?:cost|price|fee|fees|dues|tuition)\s+(?:of|for)\b`,
        // "what salary range", "is there a group discount", "do they give refunds", "what's the stipend"
        String.raw`\b(?:what|which|how\s+much)\s+(?:[\w'’-]+\s+){0,3}?(?:salary|pay|wage)\s+(?:range|scale|band|grade)s?\b`,
        String.raw`\b(?:is\s+there\s+(?:a|an|any)|are\s+there\s+(?:any)?|any|what(?:\s+is)?\s+the|do\s+(?:they|you|we)\s+(?:get|give|offer))\s+(?:[\w'’-]+\s+){0,2}?(?:discounts?|refunds?|stipends?|reimbursements?|rebates?)\b`,
        // "Is it free?", "are those webinars free?" ("free of backroom deals", "feel free to" ask no price).
        String.raw`\b(?:is|are|was|were|will)\s+(?:it|that|this|they|those|these|the|ICMA['’]?s?)\s+(?:[\w'’-]+\s+){0,4}?free\b(?!\s+(?:of|from)\b)`,
      ].join("|"),
      "i",
    ),
    slotWords: ["free", "run", "how", "much", "worth", "total", "cost", "costs", "price", "prices", "fee", "fees", "tuition", "pay", "paid", "charge", "amount", "rate", "spend", "spent", "salary", "wage", "range", "scale", "band", "grade", "discount", "discounts", "refund", "refunds", "stipend", "stipends", "reimbursement", "rebate", "there", "any", "offer", "give", "get", "per", "person", "head", "each"],
    // A price, or that there is none ("The complimentary ICMA Connect app").
    states: /\$\s?\d|\b\d[\d,.]*\s*(?:dollars|USD)\b|\b(?:complimentary|free\s+of\s+charge|at\s+no\s+(?:cost|charge)|no\s+cost)\b/i,
  },
  {
    kind: "duration",
    // "How long is it?", and "how quickly do I have to carry it out?": a span of time either way.
    asks: /\bhow\s+long\s+(?:is|are|was|were|does|do|did|will|has|have)\b|\bhow\s+(?:quickly|soon|fast)\s+(?:does|do|did|should|must|is|are|will|can|after)\b/i,
    slotWords: ["how", "long", "last", "take", "length", "duration", "quickly", "soon", "fast"],
    states: new RegExp(String.raw`\b(?:\d+|${NUMBER_WORDS})[\s-](?:week|month|day|hour|year|minute|session)s?\b`, "i"),
  },
  {
    // "How often should we do them?" after a question on performance evaluations: answered by
    // how often the section says ("annually", "every two years"), or, when the asker names no
    // interval of their own, by "periodically" or "continually" (see holdsValue). Only in a
    // follow-up: asked alone, the model's words ("a:often") decide every "how often" question
    // of the training set rightly, while the focus check here refused six answerable
    // paraphrases ("how often should I sit down and decide what I want to get better at?").
    // Joined to the previous question, the model weighed that question's words and answered.
    kind: "frequency",
    inFollowUpOnly: true,
    asks: /\bhow\s+(?:often|frequently)\b|\b(?:what|which)\s+(?:frequency|interval|cadence)\b|\bhow\s+many\s+times\s+(?:a|an|per|each|every)\b|\bon\s+what\s+(?:schedule|cycle)\b/i,
    slotWords: ["how", "often", "frequently", "frequency", "interval", "cadence", "many", "times", "schedule", "cycle", "per", "each", "every", "year", "month", "week", "quarter", "supposed"],
    states: FREQUENCY,
  },
  {
    // "Is there a template I can download for that?", "an ICMA evaluation form I can download?"
    // after a question about a practice: answered only by a section that offers one. Only in
    // a follow-up, as for "how often" (alone, the model already refuses every such training
    // near-miss and answers every such answerable question).
    kind: "document",
    inFollowUpOnly: true,
    asks: /\b(?:template|worksheet|form|checklist|pdf|slide\s+deck|fact\s+sheet|sample)s?\b[^?]*\b(?:download\w*|downlod|printable|print|copy|link)\b|\b(?:download\w*|downlod|printable)\b[^?]*\b(?:template|worksheet|form|checklist|pdf|slide\s+deck|fact\s+sheet|sample)s?\b|\bis\s+there\s+(?:an?\s+)?(?:\w+\s+)?(?:template|worksheet|checklist)\b/i,
    slotWords: ["template", "worksheet", "form", "checklist", "pdf", "slide", "deck", "fact", "sheet", "sample", "download", "downloadable", "downlod", "printable", "print", "copy", "link", "there", "use"],
    states: /\b(?:download\w*|template|worksheet|checklist|PDF)\b/i,
  },
  {
    kind: "date",
    asks: new RegExp(
      [
        String.raw`\bwhen\s+(?:is|was|are|were|did|will)\s+(?!it\b|a\s+good\b|the\s+right\b|the\s+best\b)`,
        // "When was it adopted?", "when did it come out?": a follow-up's event, not "when is it a good idea".
        String.raw`\bwhen\s+(?:is|was|were|will)\s+(?:it|that|this|they)\s+(?:be\s+)?(?:adopted|approved|published|released|founded|established|created|launched|started|written|held|issued|updated|introduced|formed|signed|revised|offered|scheduled|announced|begun|due|happening)\b`,
        String.raw`\bwhen\s+(?:did|does|do)\s+(?:it|that|this|they)\s+(?:start|begin|come\s+out|launch|happen|end|open|close|take\s+place)\b`,
        String.raw`\bwhen\s+(?:do|does)\s+[^?]*?\b(?:open|opens|close|closes|start|starts|begin|begins|end|ends|happen|happens|take\s+place|meet|meets|due)\b`,
        String.raw`\b(?:deadline|what\s+dates?|which\s+dates?|exact\s+dates?|what\s+year|what\s+day|start\s+date|due\s+date)\b`,
        String.raw`\b(?:what|which)\s+(?:is|are|were|was)\s+the\s+(?:[\w'’-]+\s+)?(?:dates?|deadlines?|start\s+dates?|year)\b`,
        // Typed as keywords: "ICMA founding year", "2022 equity summit dates".
        String.raw`\b(?:founding|launch|publication|release|application|start|end)\s+(?:year|date)s?\b`,
        String.raw`^(?!\s*(?:what|how|why|who|when|where|which|is|are|does|do|did|can|could|should|would|will)\b)[^?]*\bdates\s*\??\s*$`,
      ].join("|"),
      "i",
    ),
    slotWords: ["when", "date", "dates", "deadline", "day", "year", "time", "founding", "launch", "publication", "release", "open", "opens", "close", "closes", "start", "starts", "begin", "begins", "end", "ends", "due", "happen", "happens", "take", "place", "held", "exact"],
    states: new RegExp(String.raw`\b(?:${MONTHS}|(?:19|20)\d\d)\b|\b\d{1,2}/\d{1,2}\b`),
  },
  {
    kind: "person",
    asks: new RegExp(
      [
        String.raw`\bwho\s+(?:${PERSON_VERBS})\b|\bwho\s+(?:is|was|are|were)\s+(?:the|its|their|his|her|[\w'’]+['’]s)\s+(?![^?]*\b(?:for|aimed|meant|intended|designed|eligible)\b)`,
        String.raw`\bwho\s+(?:came\s+up\s+with|coined|invented|thought\s+up)\b`,
        // A role asked by name, whatever follows: "who are the presenters for that workshop?"
        // ("who is the program for?" asks an audience instead).
        String.raw`\bwho\s+(?:is|are|was|were)\s+(?:the\s+)?(?:presenters?|speakers?|instructors?|facilitators?|trainers?|teachers?|faculty|authors?|chairs?|directors?|leaders?|heads?|contacts?|keynote\s+speakers?|organi[sz]ers?)\b`,
        // "What's her name?", "what was the winner's name?"
        String.raw`\bwhat\s+(?:is|was)\s+(?:his|her|their|the\s+(?:person|author|speaker|presenter|winner|recipient|director|chair|facilitator|instructor)['’]s)\s+(?:full\s+)?name\b`,
        // "Which fellow wrote the equity report?", "what researcher led it?": a person asked by what they are.
        String.raw`\b(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:fellow|person|people|researcher|scholar|expert|author|professor|official|staff\s+member|member|practitioner|academic|speaker|presenter|facilitator|instructor|manager|leader)s?\s+(?:${PERSON_VERBS})\b`,
        // Typed as keywords: "Strategic Leadership practice author name", "equity summit keynote speaker".
        String.raw`\b(?:author|founder|creator|facilitator|instructor|presenter|keynote\s+speaker)s?(?:['’]s)?\s+names?\b`,
        String.raw`^(?!\s*(?:what|how|why|who|when|where|which|is|are|does|do|did|can|could|should|would|will)\b)[^?]*\b(?:author|founder|creator|facilitator|instructor|presenter|keynote\s+speaker)s?\s*\??\s*$`,
      ].join("|"),
      "i",
    ),
    slotWords: ["who", "co", ...PERSON_VERBS.split("|"), "came", "up", "coined", "invented", "thought", "name", "names", "which", "person", "people", "full", "winner", "recipient"],
    states: null, // see NAMES_A_PERSON
  },
  {
    // Where a person works, or what their post is: "where does he work?", "what university is
    // Benoy Jacob at?", "what's her job?". Answered by a post or a body ("Director of the
    // Community Development Institute, ... University of Wisconsin-Madison").
    kind: "affiliation",
    asks: new RegExp(
      [
        String.raw`\b[Ww]here\s+(?:does|do|did|is|was)\s+(?:he|she|they|(?:this|that)\s+(?:person|man|woman|author|researcher|fellow|writer|speaker|guy)|\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})\s+(?:work|works|teach|teaches|based|employed)\b`,
        String.raw`\b[Ww]ho\s+(?:does|do|did)\s+(?:he|she|they|\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})\s+work\s+for\b`,
        String.raw`\b(?:[Ww]hat|[Ww]hich)\s+(?:organi[sz]ation|university|institution|institute|employer|school|agency)\s+(?:is|was|does|did)\s+(?:he|she|they|\p{Lu})`,
        String.raw`\b[Ww]hat\s+(?:is|was)\s+(?:his|her|their)\s+(?:job|title|post|affiliation|day\s+job)\b`,
      ].join("|"),
      "u",
    ),
    slotWords: ["person", "man", "woman", "author", "researcher", "fellow", "writer", "speaker", "guy", "where", "work", "works", "teach", "teaches", "based", "employed", "who", "organization", "organisation", "university", "institution", "institute", "employer", "school", "agency", "job", "title", "post", "affiliation", "day"],
    // A post held at a body: "Director of the Community Development Institute", "Affiliated
    // Faculty at the LaFollette School". A body merely named (a journal, "PM Magazine") is none.
    states: /\b(?:[Dd]irector|[Mm]anager|[Pp]rofessor|[Oo]fficer|[Cc]hief|[Aa]dministrator|[Pp]resident|[Dd]ean|[Cc]hair|[Ff]ellow|[Ff]aculty|[Ll]ecturer|[Rr]esearcher)s?\s+(?:of|at|for|in|with)\s+(?:the\s+)?\p{Lu}/u,
  },
  {
    kind: "place",
    asks: /\b(?:which|what)\s+(?:specific\s+)?(?:cities|city|counties|county|towns|town|states|state|countries|country|communities|jurisdictions|places|locations)\b/i,
    slotWords: ["which", "city", "cities", "county", "counties", "town", "towns", "state", "states", "country", "countries", "community", "communities", "jurisdiction", "jurisdictions", "place", "places", "location", "locations"],
    states: null, // a place other than the one asked about; see PLACE
  },
  {
    // Where something takes place: "where is the summit held?", "what's the venue?". Answered
    // by a place, or by "virtual" / "online" / "in-person", which is where it takes place too.
    kind: "venue",
    asks: /\bwhere\s+(?:is|are|was|were|will|does|do|did)\b[^?]*\b(?:held|hosted|located|take\s+place|taking\s+place|happen|happening|meet|meeting)\b|\b(?:what|which)(?:['’]s|\s+is)?\s+(?:the\s+)?(?:venue|location)\b/i,
    slotWords: ["where", "held", "hosted", "located", "take", "taking", "place", "happen", "happening", "meet", "meeting", "venue", "location", "being"],
    states: /\b(?:City|County|Town|Village)\s+of\s+[A-Z]|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+[A-Z]{2}\b(?!\s+[A-Z][a-z])|\b(?:virtual(?:ly)?|online|in-person|web\s+conference|convention\s+center|hotel)\b/i,
  },
];

/**
 * Words that carry no constraint of their own in a factual question: hedges, light verbs, and
 * verbs that only relate the fact to its subject ("based on", "offered", "listed").
 */
const FOCUS_FILLER = new Set(
  [
    ...["actually", "exactly", "exact", "specific", "specifically", "precisely", "roughly", "approximately", "typically", "usually"],
    ...["put", "get", "go", "come", "take", "give", "have", "use", "find", "see", "look", "done", "attend", "join", "there"],
    ...["based", "base", "built", "drawn", "related", "regarding", "cover", "include", "offer", "offered", "available", "provide", "provided", "listed", "mentioned"],
    // What a source does with a fact ("the year the paper points to", "the date it cites"), and
    // what a listing calls a source ("paper", "document"): the section lists it by its title.
    ...["point", "refer", "mention", "cite", "reference", "paper", "document", "piece"],
    // Verbs of the asker's errand, not of the fact ("we'd like to send three staff", "when did
    // the magazine run the piece", "which city shows up in the list").
    ...["want", "need", "send", "run", "show", "appear", "bother", "keep", "draw", "bring", "host", "end"],
    // Framing of where the fact is looked up ("according to the glossary").
    ...["according"],
    // A span of time named by its frame: "when does the application window close?"
    ...["window"],
    // The thing asked about named by "one": "when did the ideals for the profession one come out?"
    ...["one", "ones"],
    // Prepositions the stop words leave in: "credit hours toward the credential".
    ...["toward", "towards", "across", "within", "among", "via", "upon", "onto"],
  ].map(stem),
);

/** A place named: "City of San Antonio", "Dublin, OH", "Saline County". */
const PLACE = /\b(?:City|County|Town|Village)\s+of\s+[A-Z][a-z]+|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+[A-Z]{2}\b(?!\s+[A-Z][a-z])|\b[A-Z][a-z]+\s+(?:County|City)\b/;

/** "which country", "what countries", "in what nation": a country is the answer, not a city. */
const ASKS_A_COUNTRY = /\b(?:countr(?:y|ies)|nations?)\b/i;

/** A country by its English name ("the United States", "Belgium"), from the countries-list package. */
const COUNTRY_NAMES = Object.values(countries)
  .map((c) => c.name.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
  .sort((a, b) => b.length - a.length);
const COUNTRY = new RegExp(String.raw`\b(?:${COUNTRY_NAMES.join("|")})\b`, "g");

/** A US state, by name or by its postal code after a place ("Dublin, OH"). */
const US_STATE = new RegExp(
  String.raw`,\s+[A-Z]{2}\b(?!\s+[A-Z][a-z])|\b(?:${"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"})\b`,
);

/** ICMA's name, or "the (managers') association": on every source, so no subject of its own. */
const EVERY_SOURCE = new Set(["icma", "association"].map(stem));

const COUNT_PHRASE_ENDS = /^(?:does|do|did|is|are|was|were|can|could|will|would|should|have|has|had|in|on|at|of|for|from|to|per|with|get|make|take)$/i;

/** Counted nouns that stand for one another: "how many people" is answered by "50 participants". */
const COUNTED_SYNONYMS: string[][] = [
  ["people", "person", "persons", "participant", "participants", "attendee", "attendees", "individual", "individuals"],
  ["staff", "employee", "employees"],
  // The practices are "the 14 core competencies" in the sources' own words.
  ["practice", "practices", "competency", "competencies"],
].map((group) => group.map(stem));

/**
 * Splits a question into clauses, so "who wrote it, and what's his advice?" asks one fact, not
 * two. A full stop after a short capitalised word ("St. Paul", "Dr. Jacob") does not end one.
 */
export function questionClauses(question: string): string[] {
  return questionSentences(question).flat();
}

/** A clause that asks, as opposed to one that sets the scene ("We're a town of 8,000"). */
const ASKING_CLAUSE =
  /^(?:(?:and|also|plus|but|so|then)\s+)?(?:what|what['’]?s|how|who|who['’]?s|whose|when|where|which|why|is|are|was|were|does|do|did|can|could|should|would|will|has|have|tell|define|list|give|explain|describe|compare)\b/i;

/** The clauses of a question that ask something ("what is the HR practice about", "is there a toolkit recommendation on it"). */
export function askingClauses(question: string): string[] {
  return questionClauses(question).filter((clause) => ASKING_CLAUSE.test(clause));
}

/** The question's sentences, each as its clauses. */
function questionSentences(question: string): string[][] {
  return question
    .split(/[?;:]|(?<!\b[A-Z][a-z]?)\.\s+(?=[A-Z])/) // case matters here: "it. What" ends a sentence, "St. Paul" does not
    .map((sentence) =>
      sentence
        .split(/,?\s+(?:and|also|plus|but)\s+(?=(?:how|what|who|when|where|which|is|are|does|do|can|for\s+how)\b)|,\s*(?=(?:how|what|who|when|where|which)\b)/i)
        .map((c) => c.trim())
        .filter((c) => c.length > 0),
    )
    .filter((clauses) => clauses.length > 0);
}

/**
 * What a question finally asks: its last clause with words of its own ("A tornado hit our
 * county... What do the communication practices say?" asks the last sentence).
 */
export function askingClause(question: string): string {
  return questionClauses(question).filter((clause) => new Set(contentTerms(clause)).size >= 2).at(-1) ?? question;
}

/**
 * Contractions spelled out, however typed ("What's", "whats", "who’s", "how're"), so the
 * patterns below see "what is" whatever the apostrophe or its absence.
 */
export function expandContractions(question: string): string {
  return question
    .replace(/\b(what|who|where|when|how|which|there|that)(?:['’]s|s)\b/gi, "$1 is")
    .replace(/\b(what|who|where|when|how)['’]d\b/gi, "$1 did")
    // "they're treated", "we've got", "I'm told": the tail is no word of the subject.
    .replace(/\b(\w+)['’](re|ve|ll|m)\b/gi, (_, word: string, tail: string) => `${word} ${{ re: "are", ve: "have", ll: "will", m: "am" }[tail.toLowerCase() as "re" | "ve" | "ll" | "m"]}`);
}

/** The specific facts a question asks for, one per clause at most (`inFollowUp`: asked as a follow-up). */
export function askedFacts(question: string, inFollowUp = false): AskedFact[] {
  const patterns = inFollowUp ? FACT_PATTERNS : FACT_PATTERNS.filter((p) => !p.inFollowUpOnly);
  const facts: AskedFact[] = [];
  // The subject the clause before names, for a clause that asks about "it": "Does ICMA offer a
  // certified mediator course, and what does it cost?" asks the course's price, not any price.
  // The clause just before, in the same sentence, naming it rather than "it" itself, or, asked
  // in a sentence of its own ("...catch the Courageous Conversation webinar on the ARPA money.
  // What date is it?"), the last clause that named something; by half its words, as a
  // follow-up's fact is about the previous question ("Which journal published Border Effects
  // in Suburban Land Use, and who co-wrote it?": the section need not say "published").
  let lastNamed: string[] = [];
  for (const clauses of questionSentences(expandContractions(question))) {
    let namedBefore: string[] = [];
    for (const clause of clauses) {
      const pattern = patterns.find((p) => p.asks.test(clause));
      const earlier = namedBefore.length > 0 ? namedBefore : lastNamed;
      namedBefore = subjectNamedBy(clause);
      if (namedBefore.length > 0) lastNamed = namedBefore;
      const fact = pattern && factOf(pattern, clause, earlier);
      if (fact) facts.push(fact);
    }
  }
  return facts;
}

/** The fact one clause asks, `earlier` being what the clause or sentence before it named. */
function factOf(pattern: FactPattern, clause: string, earlier: readonly string[]): AskedFact | null {
  if (pattern.kind === "contents") {
    const names = namedSourceFocus(clause);
    return names.length > 0 ? { kind: "contents", clause, focus: names, counted: [] } : null;
  }
  const counted = pattern.kind === "count" ? countedWords(clause) : [];
  // "How many weeks does it last?" counts time: the words asking a duration frame it too.
  const countsTime = counted.some((c) => TIME_UNITS.has(c));
  const durationWords = countsTime ? FACT_PATTERNS.find((p) => p.kind === "duration")!.slotWords.map(stem) : [];
  // The counted noun is checked next to the number instead, so synonyms count.
  const slot = new Set([...pattern.slotWords.map(stem), ...counted, ...durationWords]);
  const own = subjectOf(contentTerms(clause).filter((t) => !slot.has(t)));
  const about = own.length === 0 && POINTS_BACK.test(clause) ? earlier.filter((t) => !EVERY_SOURCE.has(t)) : [];
  return { kind: pattern.kind, clause, focus: own, counted, ...(about.length > 0 ? { about } : {}) };
}

const POINTS_BACK = /\b(?:it|its|that|this|they|them|their)\b/i;

/** Units a count of time is in. */
const TIME_UNITS = new Set(["minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"].map(stem));

/** What a clause names, when it names its subject rather than pointing back at one. */
function subjectNamedBy(clause: string): string[] {
  if (!clause || POINTS_BACK.test(clause)) return [];
  const pattern = FACT_PATTERNS.find((p) => p.kind !== "contents" && p.asks.test(clause));
  const slot = new Set(pattern?.slotWords.map(stem) ?? []);
  return subjectOf(contentTerms(clause).filter((t) => !slot.has(t)));
}

/**
 * The words of a clause that name what it is about. ICMA's name (or "the managers'
 * association") is on every source: beside two or more words of the subject it constrains
 * nothing ("the association's security training").
 */
function subjectOf(terms: readonly string[]): string[] {
  const named = [...new Set(terms)].filter((t) => !FOCUS_FILLER.has(t));
  const rest = named.filter((t) => !EVERY_SOURCE.has(t));
  return rest.length >= 2 ? rest : named;
}

/**
 * The facts a follow-up asks, judged as a follow-up rather than as the two turns joined: its
 * own facts, or, when it asks none ("and a full-day one?" after "what does a half-day
 * workshop cost?"), the previous question's kinds of fact about what it names; either way
 * about the previous question's subject too ("how much is registration?" after "Equity
 * Summits?" asks what the summits' registration costs, which the cybersecurity program's
 * price list does not state). Joined, the previous clause's fact was stated by the section
 * that answered it, and the follow-up was answered from it. Null for a follow-up that asks
 * no fact and is no ellipsis: it is judged joined, as any question.
 */
export function askedFactsInFollowUp(followUp: string, previous: string): AskedFact[] | null {
  const own = askedFacts(followUp, true);
  const before = askedFacts(previous);
  const previousSlots = new Set(before.flatMap((f) => FACT_PATTERNS.find((p) => p.kind === f.kind)!.slotWords.map(stem)));
  const named = contentTerms(followUp).filter((t) => !FOCUS_FILLER.has(t) && t !== "one" && t !== "ones");
  // Only an elliptical follow-up ("and a full-day one?", "what about the data workshop?") asks
  // the previous question again about something else; "what's his job?" asks its own thing.
  const elliptical = /^\s*(?:and|or|but|also|what\s+about|how\s+about|same\s+for)\b/i.test(followUp);
  // What the previous question asked about: all of it when the follow-up names nothing of its
  // own ("how much does it cost?"), else only its head noun, the last word of its focus, since
  // the follow-up's words replace the qualifiers ("full-day" for "half-day", not beside it).
  // "Where does he work?" after "What has Benoy Jacob published?" is about the person that
  // question named, not what it asked of them.
  const person = PERSONAL_PRONOUN.test(followUp) ? personNamedIn(previous) : [];
  const previousFocus =
    person.length > 0 ? person : before.length > 0 ? before.flatMap((f) => f.focus) : contentTerms(askingClause(previous)).filter((t) => !previousSlots.has(t) && !FOCUS_FILLER.has(t));
  const ownWords = (own.length > 0 ? own.flatMap((f) => f.focus) : named.filter((t) => !previousSlots.has(t))).length;
  const subject = ownWords > 0 && before.length > 0 ? previousFocus.slice(-1) : previousFocus;
  // A follow-up that asks no fact of its own and is no ellipsis ("what's his job?") is judged
  // joined to the previous question, as before.
  if (own.length === 0 && !elliptical) return null;
  const facts =
    own.length > 0
      ? own
      : before.filter((f) => f.kind !== "contents").map((f) => ({ ...f, clause: followUp, focus: named.filter((t) => !previousSlots.has(t)), counted: f.kind === "count" ? countedWords(followUp) : [] }));
  // A previous question that asked no fact gives its topic, not a fact's focus: every word of
  // "what other kinds of programs does ICMA compare its cybersecurity program to?" need not
  // be in the price list that answers "and how much does it cost?".
  if (before.length === 0)
    return facts.map((f) => {
      const about = subject.filter((t) => !f.focus.includes(t) && !EVERY_SOURCE.has(t));
      return about.length > 0 ? { ...f, about } : f;
    });
  return facts.map((f) => ({ ...f, focus: [...new Set([...f.focus, ...subject])] }));
}

/** "he", "her", or "this person", "that author": someone the previous turn named. */
export const PERSONAL_PRONOUN = /\b(?:he|she|him|his|her|hers|himself|herself)\b|\b(?:this|that|the\s+same)\s+(?:person|man|woman|author|researcher|fellow|writer|speaker|guy)\b/i;

/** The words of a person's name a question gives ("Benoy Jacob", "Dr. Jacob"), ICMA's aside. */
function personNamedIn(question: string): string[] {
  const names = [...question.matchAll(/\b(?:(?:Dr|Mr|Ms|Mrs|Prof)\.?\s+\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?\s+\p{Lu}\p{Ll}+)\b/gu)].map((m) => m[0]);
  return [...new Set(contentTerms(names.join(" ")))].filter((t) => !EVERY_SOURCE.has(t) && !["dr", "mr", "ms", "mrs", "prof"].includes(t));
}

/**
 * The capitalised names in the source a "what does X say" clause asks about ("St. Paul" in
 * "the St. Paul racial equity toolkit"), leaving out ICMA, whose name is on every source.
 */
function namedSourceFocus(clause: string): string[] {
  const source = /\bwhat\s+(?:does|do|did|would)\s+(.*?)\s+(?:recommend|say|suggest|advise|propose|require|teach)s?\b/i.exec(clause)?.[1] ?? "";
  // "the HR practice", "the Equity recommendation", "ICMA's HR leadership guidance": a part of
  // the corpus named by its topic, not a source of its own.
  // So is one named by its number ("Practice 5", "recommendation 4", "dimension C").
  if (/\b(?:practice|dimension|recommendation|side|guidance|guidelines|framework|competenc(?:y|ies)|section|standards?)s?(?:\s+(?:#\s*)?(?:\d{1,2}|[A-Za-z]))?\s*$/i.test(source)) return [];
  const names = source.split(/\s+/).filter((word) => /^[A-Z]/.test(word) && !/^(?:ICMA['’]?s?|I|The)$/.test(word));
  return [...new Set(contentTerms(names.join(" ")))];
}

/** The noun phrase after "how many", up to its verb or preposition: "credit hours", "people". */
function countedWords(clause: string): string[] {
  const after = /\bhow\s+many\s+(.*)$/i.exec(clause)?.[1] ?? "";
  const phrase: string[] = [];
  for (const word of after.split(/\s+/)) {
    if (phrase.length === 2 || COUNT_PHRASE_ENDS.test(word)) break;
    phrase.push(word);
  }
  return contentTerms(phrase.join(" "));
}

/** True when a section's words include the term, or a longer word it begins ("cyber" in "cybersecurity"). */
function hasTerm(terms: ReadonlySet<string>, term: string): boolean {
  if (terms.has(term)) return true;
  if (term.length < 4) return false;
  for (const t of terms) if (t.startsWith(term)) return true;
  return false;
}

/** The words a section offers as focus: all of its own (title, text, keywords) and its parent's title, and the titles alone. */
export function focusTermsOf(section: Section, stats: CorpusStats): { sectionTerms: Set<string>; titleTerms: Set<string> } {
  const parentTitle = (section.parent ? stats.titleOf(section.parent) : undefined) ?? "";
  // A glossary entry is part of "the glossary", as a dimension is part of its practice.
  const partOf = section.kind === "glossary" ? "glossary" : "";
  const titleTerms = new Set(contentTerms([section.title, parentTitle, partOf, ...(section.aliases ?? [])].join(" ")));
  return { sectionTerms: new Set([...stats.termsOf(section.id), ...titleTerms]), titleTerms };
}

/**
 * The ways a section can be read as stating facts: as itself, and, for a section about every
 * section of a kind (the workshops' price and booking), as about each one of them, whose
 * title's words it then holds too ("how much is the Design Thinking workshop?").
 */
export function factReadings(section: Section, stats: CorpusStats): Array<{ sectionTerms: Set<string>; titleTerms: Set<string> }> {
  const own = focusTermsOf(section, stats);
  if (!section.aboutEvery) return [own];
  const others = stats.titlesOfKind(section.aboutEvery).filter((title) => title !== section.title);
  return [
    own,
    ...others.map((title) => {
      const terms = contentTerms(title);
      return { sectionTerms: new Set([...own.sectionTerms, ...terms]), titleTerms: new Set([...own.titleTerms, ...terms]) };
    }),
  ];
}

/** Does the section state the fact: a value of the asked kind, about every focus word? */
export function statesFact(fact: AskedFact, section: Section, sectionTerms: ReadonlySet<string>, titleTerms: ReadonlySet<string>): boolean {
  const pattern = FACT_PATTERNS.find((p) => p.kind === fact.kind)!;
  const where = pattern.focusIn === "title" ? titleTerms : sectionTerms;
  if (!fact.focus.every((t) => hasTerm(where, t))) return false;
  if (!holdsHalf(fact.about ?? [], where)) return false;
  // Who did something must be named: a person ("by Benoy Jacob") or a body ("the Credentialing
  // Advisory Board", "Kettering Foundation"). A section that only mentions the thing asked
  // about ("the PM article on moral compass") does not say who wrote it: on the training and
  // dev sets, requiring a name refused 14 more questions to be refused and 2 answerable ones
  // (roles as answers: "the facilitator").
  // A person or a count is stated in a sentence about the subject (or in a section titled with
  // it): a body named in passing ("ICMA University is the premier resource...") does not say
  // who teaches the Design Thinking workshop, nor "ten years of work with 300 communities" how
  // many years a strategic plan should cover. ICMA's name says nothing of the subject.
  // "About the subject" is half its words, as a follow-up's earlier topic: one word alone
  // ("equity") put GARE's tools under "who heads the City of San Antonio Office of Equity?"
  // (on the training set, seven refusals more and no answerable question lost).
  const subject = fact.focus.filter((t) => !EVERY_SOURCE.has(t));
  const about = fact.about ?? [];
  const isAboutSubject = (terms: ReadonlySet<string>) => (subject.length > 0 && holdsHalf(subject, terms)) || (about.length > 0 && holdsHalf(about, terms));
  if (IN_A_SUBJECT_SENTENCE.has(fact.kind) && (subject.length > 0 || about.length > 0) && !isAboutSubject(titleTerms))
    return splitIntoUnits(section.text).some((sentence) => holdsValue(fact, sentence) && isAboutSubject(new Set(contentTerms(sentence))));
  return holdsValue(fact, section.text);
}

/** Whether `terms` hold at least half of `words` (rounded up); true when there are none. */
function holdsHalf(words: readonly string[], terms: ReadonlySet<string>): boolean {
  return words.filter((t) => hasTerm(terms, t)).length >= Math.ceil(words.length / 2);
}

/**
 * The kinds of value that must sit in a sentence about the subject. A price and a contact
 * too: the cybersecurity program's fee is not a mediator course's, nor the workshops' booking
 * address GARE's. A date not: "Approved by the ICMA Executive Board June 2017" dates the
 * practices without naming them ("when did the 14 competencies come into force?"), and
 * requiring it refused three answerable questions on the training set for two refusals.
 */
const IN_A_SUBJECT_SENTENCE = new Set<FactKind>(["person", "affiliation", "count", "amount", "email", "phone", "address"]);

/**
 * Who did something is usually said as "led by CISOs", "by Benoy Jacob", "Benoy Jacob, Ph.D.",
 * "Benoy Jacob & Daniel McMillen", "by Hendrick, R., Yonghong Wu, & Jacob, B.", or names a body ("the Task Force on Women in the Profession").
 * A body counts only when it is not what the question asks about: the Task Force named does
 * not say who chaired it.
 */
const NAMES_A_PERSON = /\bby\s+(?:[a-z]+\s+){0,3}\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+|\bby\s+(?!ICMA\b)[A-Z]{2,}s?\b|\b\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+,\s+Ph\.?|\b\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?\s+&\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?,|\bby\s+\p{Lu}\p{Ll}+,\s+\p{Lu}\./u;
const NAMES_A_BODY = /\b(?:Task Force|Committee|Foundation|Council|League|Commission|Board|Association|Institute|Alliance|Network|Department|Office|University|Center|Caucus|Society)\b/g;

function namesWho(sentence: string, focus: readonly string[]): boolean {
  if (NAMES_A_PERSON.test(sentence)) return true;
  return [...sentence.matchAll(NAMES_A_BODY)].some((m) => !contentTerms(m[0]).every((t) => focus.includes(t)));
}

const VALUE_BONUS = 100;

/** Does this one sentence hold a value of the asked kind? */
function holdsValue(fact: AskedFact, sentence: string): boolean {
  if (fact.kind === "count") return statesCount(fact.counted, sentence);
  if (fact.kind === "person") return namesWho(sentence, fact.focus);
  // A place other than the one asked about ("Saline County" does not say what state it is
  // in), and a state when a state is asked.
  if (fact.kind === "place") {
    if (ASKS_A_COUNTRY.test(fact.clause)) return [...sentence.matchAll(COUNTRY)].some((m) => !contentTerms(m[0]).every((t) => fact.focus.includes(t)));
    if (/\bstates?\b/i.test(fact.clause) && !/\b(?:cit(?:y|ies)|count(?:y|ies)|towns?)\b/i.test(fact.clause.replace(/\b\w+\s+county\b/gi, ""))) return US_STATE.test(sentence);
    return [...sentence.matchAll(new RegExp(PLACE.source, "g"))].some((m) => !contentTerms(m[0]).every((t) => fact.focus.includes(t)));
  }
  if (fact.kind === "frequency") return FREQUENCY.test(sentence) || (!ASKS_AN_INTERVAL.test(fact.clause) && RECURRING.test(sentence));
  const pattern = FACT_PATTERNS.find((p) => p.kind === fact.kind)!;
  return pattern.states === null || pattern.states.test(sentence);
}

/**
 * The sentence of a section that states the fact (one holding a value of the asked kind, with
 * the most focus words; the first wins a tie) and its strength: the focus words it has, plus
 * VALUE_BONUS for holding a value. For a person, any sentence will do when none names one.
 */
export function statingSentence(fact: AskedFact, section: Section): { sentence: string; strength: number } | undefined {
  const focus = new Set(fact.focus);
  const sentences = splitIntoUnits(section.text);
  const valued = sentences.filter((sentence) => holdsValue(fact, sentence));
  let best: { sentence: string; strength: number } | undefined;
  for (const sentence of valued.length > 0 || fact.kind !== "person" ? valued : sentences) {
    // A sentence holding a value (naming a person) beats any that merely mentions the subject.
    const strength = new Set(contentTerms(sentence).filter((t) => focus.has(t))).size + (valued.length > 0 ? VALUE_BONUS : 0);
    if (!best || strength > best.strength) best = { sentence, strength };
  }
  return best;
}

/** A number directly counting one of the asked nouns: "up to 50 participants", "48 credit hours". */
function statesCount(counted: readonly string[], text: string): boolean {
  if (counted.length === 0) return false;
  const accepted = new Set(counted.flatMap((c) => COUNTED_SYNONYMS.find((g) => g.includes(c)) ?? [c]));
  // "12-week", "a Four-Step Reference Guide": a number joined to its noun counts it.
  const tokens = text.split(new RegExp(String.raw`[\s,;:()|]+|(?<=\d|\b(?:${NUMBER_WORDS}))-(?=[a-z])`, "i")).filter(Boolean);
  // A list numbered "(1) ... (11)" right after the noun counts its items: "a set of key
  // recommendations: (1) Consider the Impact; ... (11) Be Conscious of Bias in Hiring Practices"
  // counts recommendations, not practices.
  const listed = /((?:\S+\s+){1,6})\(1\)[^]*\(2\)/.exec(text);
  if (listed && tokenize(listed[1]!).some((word) => accepted.has(stem(word)))) return true;
  return tokens.some((token, i) => {
    // A range counts as a number: "(typically 10-12 participants)", "8–10 people".
    if (token.startsWith("$") || !new RegExp(String.raw`^(?:\d[\d,]*(?:[-–]\d[\d,]*)?|${NUMBER_WORDS})$`, "i").test(token)) return false;
    for (const next of tokens.slice(i + 1, i + 4)) {
      const word = tokenize(next)[0];
      if (!word || word === "per") return false;
      if (accepted.has(stem(word))) return true;
    }
    return false;
  });
}
