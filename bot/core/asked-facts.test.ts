import { describe, expect, it } from "vitest";
import type { Section } from "../../corpus/section.js";
import { contentTerms, stem } from "../../retrieval/text/text-terms.js";
import { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import { askedFacts, askedFactsInFollowUp, expandContractions, factReadings, questionClauses, statesFact } from "./asked-facts.js";

const section = (title: string, text: string): Section => ({ id: "s", kind: "program", title, text, parent: null, lines: [1, 1], source: null }) as Section;
const terms = (s: Section) => new Set(contentTerms(`${s.title} ${s.text}`));
const states = (question: string, s: Section) => {
  const [fact] = askedFacts(question);
  if (!fact) throw new Error(`no fact asked by: ${question}`);
  return statesFact(fact, s, terms(s), new Set(contentTerms(s.title)));
};

const booking = section("Workshops: price", "Half-day workshops: $3,960 for states with a signed affiliation agreement, for up to 50 participants. To reserve a workshop email: workshops@icma.org");
const program = section("Cybersecurity Leadership Program", "A 12-week program led by CISOs. ICMA will allow 48 credit hours for this program. The retail cost is $2,495 per participant.");
const institute = section("Leadership Institute", "The application period is open and will close on June 30.");

describe("askedFacts", () => {
  it("recognises the kind of fact asked", () => {
    const kinds = (q: string) => askedFacts(q).map((f) => f.kind);
    expect(kinds("How much does a half-day workshop cost?")).toEqual(["amount"]);
    expect(kinds("cost of a half day workshop")).toEqual(["amount"]);
    expect(kinds("How many credit hours do I get?")).toEqual(["count"]);
    expect(kinds("What percentage of members are women?")).toEqual(["percentage"]);
    expect(kinds("how long is the cyber program")).toEqual(["duration"]);
    expect(kinds("how quickly does ICMA say I have to carry it out?")).toEqual(["duration"]);
    expect(kinds("How quickly and how correctly should we be getting facts to residents?")).toEqual([]);
    expect(kinds("When do applications close?")).toEqual(["date"]);
    expect(kinds("Who wrote the report?")).toEqual(["person"]);
    expect(kinds("Which cities were studied?")).toEqual(["place"]);
    expect(kinds("What is the phone number for the director?")).toEqual(["phone"]);
    expect(kinds("What's Marc Ott's home address?")).toEqual(["address"]);
    expect(kinds("what salary range does ICMA suggest for an equity officer?")).toEqual(["amount"]);
    expect(kinds("Is there a group discount for the workshops?")).toEqual(["amount"]);
    expect(kinds("What are the dates of the next summit?")).toEqual(["date"]);
    expect(kinds("What's the passing score for the cyber program?")).toEqual(["score"]);
    expect(kinds("How much should we budget per employee for recognition?")).toEqual(["amount"]);
    expect(kinds("What recognition budget does ICMA suggest?")).toEqual(["amount"]);
    expect(kinds("which town does ICMA point to for civility?")).toEqual(["place"]);
  });

  it("reads 'how much' of a degree as no amount", () => {
    const kinds = (q: string) => askedFacts(q).map((f) => f.kind);
    for (const q of ["How much do I need to know about labor law, per ICMA?", "How much does ICMA expect us to follow up after a vote?", "How much should a manager understand about each department?"]) expect(kinds(q), q).toEqual([]);
    expect(kinds("How much do I need to pay for the workshop?")).toEqual(["amount"]);
  });

  it("reads 'budget' naming a kind of thing as no amount, but the budget itself as one", () => {
    expect(askedFacts("what's the finance and budget practice supposed to cover?")).toEqual([]);
    expect(askedFacts("What's ICMA say about budget transparency for residents?")).toEqual([]);
    expect(askedFacts("What's the outreach budget ICMA says a city our size should have?")[0]?.kind).toBe("amount");
    expect(askedFacts("what's the budget amount the practice says to set aside?")[0]?.kind).toBe("amount");
  });

  it("recognises dates and people asked for in keywords or with a phrasal verb", () => {
    const kinds = (q: string) => askedFacts(q).map((f) => f.kind);
    expect(kinds("ICMA founding year")).toEqual(["date"]);
    expect(kinds("2022 equity summit dates")).toEqual(["date"]);
    expect(kinds("who came up with the six Es framework")).toEqual(["person"]);
    expect(kinds("Strategic Leadership practice author name")).toEqual(["person"]);
    expect(kinds("equity summit keynote speaker")).toEqual(["person"]);
    expect(kinds("Who are the presenters for that workshop?")).toEqual(["person"]);
    expect(kinds("Who is the program for?")).toEqual([]);
    // A question that asks what to do, or dates as a topic, asks no date.
    expect(kinds("What should the manager focus on this year?")).toEqual([]);
    expect(kinds("How do we keep key dates in front of the council?")).toEqual([]);
    // A follow-up asks when "it" happened; "when is it a good idea" asks no date.
    expect(kinds("When was it adopted?")).toEqual(["date"]);
    expect(kinds("Who wrote it and when was it published?")).toEqual(["person", "date"]);
    expect(kinds("when did it start?")).toEqual(["date"]);
    expect(kinds("When is it appropriate to use an equity lens?")).toEqual([]);
    expect(kinds("How much funding do research fellows get?")).toEqual(["amount"]);
    expect(kinds("Which journal published Border Effects, and who co-wrote it?")).toEqual(["person"]);
  });

  it("leaves advice questions alone, even when they contain 'when', 'cost' or 'who'", () => {
    for (const q of [
      "What should a leader do when a public process is missing whole groups?",
      "How do we cut costs without hurting services?",
      "When should a manager step in on a conflict?",
      "Who is the equity officer institute for?",
      "Is there a phone app for ICMA Connect?",
      "What does the toolkit say about pay equity?",
      "What does ICMA say about ethics?",
      "Does the toolkit say we should review pay bands for equity?",
      "How should a manager grade staff performance?",
    ]) {
      expect(askedFacts(q), q).toEqual([]);
    }
  });

  it("asks one fact per clause of a multi-part question", () => {
    expect(questionClauses("Two quick ones: what does it cost, and how many people can come?")).toEqual(["Two quick ones", "what does it cost", "how many people can come"]);
    expect(askedFacts("Who wrote the report and what's his main advice?").map((f) => f.kind)).toEqual(["person"]);
    expect(questionClauses("What does the St. Paul toolkit say? I work in Tucson. Help")).toEqual(["What does the St. Paul toolkit say", "I work in Tucson", "Help"]);
    expect(questionClauses("Staff hate it. What does the tech practice say?")).toEqual(["Staff hate it", "What does the tech practice say"]);
  });

  it("keeps the qualifiers as focus and drops the words that only name the kind of fact", () => {
    // ICMA's name beside the subject's own words is no qualifier: it is on every source.
    expect(askedFacts("How much does a full-day ICMA workshop cost?")[0]?.focus).toEqual(["full", "day", "workshop"].map(stem));
    expect(askedFacts("Who teaches the cybersecurity program?")[0]?.focus).toEqual(["cybersecurity", "program"].map(stem));
  });

  it("takes only the capitalised names of a source as its focus", () => {
    expect(askedFacts("What does the St. Paul racial equity toolkit recommend on housing?")).toMatchObject([{ kind: "contents", focus: ["st", "paul"] }]);
    expect(askedFacts("What does the toolkit recommend on hiring?")).toEqual([]);
    // A practice named by its topic is part of the corpus, not a source of its own.
    expect(askedFacts("What does the HR practice say about unions?")).toEqual([]);
  });
});

describe("askedFactsInFollowUp", () => {
  it("carries the previous question's kind of fact and subject into a follow-up that names only what differs", () => {
    const [fact] = askedFactsInFollowUp("What about a full-day one?", "What does a half-day ICMA workshop cost?") ?? [];
    expect(fact?.kind).toBe("amount");
    expect(fact?.focus).toEqual(expect.arrayContaining([stem("full"), stem("day"), stem("workshop")]));
    expect(fact?.focus).not.toContain(stem("half"));
  });

  it("adds the previous subject to a follow-up's own fact, one of its words needed when it asked no fact", () => {
    const [fact] = askedFactsInFollowUp("how much is registration?", "Equity Summits?") ?? [];
    expect(fact?.kind).toBe("amount");
    expect(fact?.focus).toEqual([stem("registration")]);
    expect(fact?.about).toEqual(expect.arrayContaining([stem("summits")]));
    const price = section("What is the Cost of the Program?", "ICMA Members pay $1,995 for the cybersecurity program.");
    const [member] = askedFactsInFollowUp("ok and how much does it cost if I'm a member?", "What other kinds of programs does ICMA compare its cybersecurity program to?") ?? [];
    expect(statesFact(member!, price, terms(price), new Set(contentTerms(price.title)))).toBe(true);
    const [registration] = askedFactsInFollowUp("how much is registration?", "What happens at the Equity Summits?") ?? [];
    expect(statesFact(registration!, price, terms(price), new Set(contentTerms(price.title)))).toBe(false);
  });

  it("reads a count of time as framed by the words of a duration, and drops prepositions from the focus", () => {
    const [weeks] = askedFacts("How many weeks does the ICMA cybersecurity leadership program last?");
    expect(weeks).toMatchObject({ kind: "count", counted: [stem("weeks")] });
    expect(weeks!.focus).not.toContain(stem("last"));
    const [hours] = askedFacts("How many credit hours count toward the credential?");
    expect(hours!.focus).not.toContain(stem("toward"));
    // A count of something else keeps the words of a duration as its subject's.
    expect(askedFacts("How many steps does the long version of the guide have?")[0]!.focus).toContain(stem("long"));
  });

  it("does not ask that the stating section say \"one\", the word naming the thing asked about", () => {
    expect(askedFactsInFollowUp("when did the ideals for the profession one come out?", "Which PM Magazine issues are on equity?")![0]!.focus).toEqual([stem("ideals"), stem("profession")]);
  });

  it("carries the previous question's subject, not how it framed the lookup", () => {
    expect(askedFactsInFollowUp("Who came up with that term?", "What is intersectionality according to the glossary?")![0]!.focus).not.toContain(stem("according"));
  });

  it("asks nothing when neither turn asks for a fact, and leaves a follow-up of its own to be judged joined", () => {
    expect(askedFactsInFollowUp("and the management side?", "What does practice 4 say?")).toEqual([]);
    expect(askedFactsInFollowUp("What does he recommend?", "Who wrote the Governing for Equity report?")).toBeNull();
    expect(askedFactsInFollowUp("What's his job?", "Who wrote the Governing for Equity report?")!.map((f) => f.kind)).toEqual(["affiliation"]);
  });
});

describe("statesFact", () => {
  it("needs a value of the asked kind", () => {
    expect(states("How much does a half-day workshop cost?", booking)).toBe(true);
    expect(states("When do applications close for the institute?", institute)).toBe(true);
    expect(states("How much does the leadership institute cost?", institute)).toBe(false);
    expect(states("how long is the cyber program", program)).toBe(true);
    expect(states("What email do I use to reserve a workshop?", booking)).toBe(true);
  });

  it("needs every focus word: a section about half-day workshops does not state the full-day price", () => {
    expect(states("How much does a full-day workshop cost?", booking)).toBe(false);
    expect(states("Who was the keynote speaker of the program?", program)).toBe(false);
    expect(states("Who leads the cyber program?", program)).toBe(true);
    // A name after "by" and a description of the person, accents included.
    const entry = section("Intersectionality", "The term was introduced by the legal scholar Kimberlé Crenshaw.");
    expect(states("who coined intersectionality", entry)).toBe(true);
    // The role asked for is a focus word: a section that names no facilitator cannot say who it is.
    expect(states("cyber program facilitator", program)).toBe(false);
  });

  it("reads co-authors joined by '&' as people named, and a contact only in a sentence about the subject", () => {
    const papers = section("Publications", "Border Effects in Suburban Land Use, Benoy Jacob & Daniel McMillen, National Tax Journal, 2015.");
    expect(states("Which journal published Border Effects in Suburban Land Use, and who co-wrote it?", papers)).toBe(true);
    const booking = section("Booking a workshop", "To reserve a workshop email: workshops@icma.org");
    expect(states("What email do I use to reserve a workshop?", booking)).toBe(true);
    expect(states("Who is the contact person at GARE for members, and what is their email?", booking)).toBe(false);
  });

  it("needs the person named in a sentence about the subject, and a body that is not the subject itself", () => {
    const intro = section("About the practices", "ICMA University is the premier resource for leadership training. Its online workshops include design thinking.");
    expect(states("Who leads the design thinking workshop?", intro)).toBe(false);
    const taskForce = section("Toolkit origins", "The Task Force on Strengthening Inclusiveness in the Profession recommended the toolkit.");
    expect(states("Who chaired the Task Force on Strengthening Inclusiveness?", taskForce)).toBe(false);
    expect(states("Who recommended the toolkit?", taskForce)).toBe(true);
  });

  it("answers where something takes place with a place, or with 'virtual' or 'in-person'", () => {
    const summit = section("Equity Summit", "Join us at ICMA's inaugural Equity Summit, a virtual learning event.");
    expect(askedFacts("Where was the inaugural Equity Summit held?")).toMatchObject([{ kind: "venue" }]);
    expect(states("Where was the inaugural Equity Summit held?", summit)).toBe(true);
    expect(states("Where is the next Equity Summit being held?", summit)).toBe(false);
    expect(states("Where was the inaugural Equity Summit held?", section("Equity Summit", "Join us at the inaugural Equity Summit."))).toBe(false);
  });

  it("counts a list numbered beside the noun", () => {
    const list = section("The toolkit's key recommendations", "ICMA provides a set of key recommendations: (1) Consider the Impact; (2) Build Trust; and (3) Review Current Policies.");
    expect(states("How many recommendations does the toolkit end up with?", list)).toBe(true);
    expect(states("How many communities does the toolkit profile?", list)).toBe(false);
    expect(states("How many practices are in the toolkit?", section("Recommendations", "Key recommendations: (1) Consider the Impact; and (2) Review Hiring Practices."))).toBe(false);
  });

  it("needs a count in a sentence about the subject", () => {
    const data = section("Workshop: Data-Driven Communities", "The Six E's come from ten years of work with 300 communities. (Practice Groups: 7 - Strategic Planning)");
    expect(states("How many years should a strategic plan cover?", data)).toBe(false);
    expect(states("How many communities did the data workshop's work draw on?", data)).toBe(true);
  });

  it("judges 'it' asked in a sentence of its own by what the sentence before named", () => {
    const [fact] = askedFacts("We want to catch the Courageous Conversation webinar on ARPA money. What date is it?");
    expect(fact?.about).toEqual(expect.arrayContaining([stem("webinar"), stem("arpa")]));
    const practices = section("ICMA Practices for Effective Local Government Leadership", "Approved by the ICMA Executive Board June 2017.");
    expect(statesFact(fact!, practices, terms(practices), new Set(contentTerms(practices.title)))).toBe(false);
    const webinar = section("ICMA Courageous Conversation Series", "Join us on June 3 for this webinar about putting ARPA money to use.");
    expect(statesFact(fact!, webinar, terms(webinar), new Set(contentTerms(webinar.title)))).toBe(true);
  });

  it("needs any value in a sentence about the subject: another program's price is not the mediator course's", () => {
    const cost = section("What is the Cost of the Program?", "The retail cost is $2,495 per participant, however ICMA Members pay $1,995.");
    expect(states("Does ICMA offer a certified mediator course, and what does it cost?", cost)).toBe(false);
    expect(states("How much do ICMA members pay for the program?", cost)).toBe(true);
  });

  it("needs a country named when a country is asked, other than the one asked about", () => {
    const term = section("People of color", "A term used mainly in the United States for people who are not identified as white.");
    expect(states("In which country is the term people of color mainly used?", term)).toBe(true);
    const blog = section("Blog posts", "An award recipient's time in Belgium and the Netherlands, where she learned about arts programming.");
    expect(states("Which countries did the award recipient learn about arts programming in?", blog)).toBe(true);
    const county = section("Cities", "Saline County, KS shared its approach.");
    expect(states("Which country did the county's approach come from?", county)).toBe(false);
  });

  it("needs a number counting the asked noun, synonyms included, not a price per head", () => {
    expect(states("How many credit hours do I get?", program)).toBe(true);
    expect(states("How many people can come to a workshop?", booking)).toBe(true);
    expect(states("How many participants completed the program?", program)).toBe(false);
    expect(states("How many members does the program have?", program)).toBe(false);
    // A range is a count.
    const structure = section("Program structure", "Breakout Group Meeting – 60-minute meeting amongst breakout group members (typically 10-12 participants).");
    expect(states("how many people are usually in a breakout group?", structure)).toBe(true);
    expect(states("how many mentors are in a breakout group?", structure)).toBe(false);
    // A number word joined to its noun counts it, as a number does ("12-week").
    const guide = section("Partner materials", "Hiring People with Disabilities: A Four-Step Reference Guide.");
    expect(states("How many steps does the guide to hiring people with disabilities have?", guide)).toBe(true);
    expect(states("How many pages does the guide to hiring people with disabilities have?", guide)).toBe(false);
  });

  it("does not need ICMA's name beside the subject, nor the asker's errand", () => {
    expect(states("What's the retail cost of the association's cyber program per person?", program)).toBe(true);
    expect(states("We want to send three staff: what does the cyber program cost?", program)).toBe(true);
    // Alone, ICMA is the subject: a program's cost says nothing of when ICMA was founded.
    expect(askedFacts("What year was ICMA founded?")[0]?.focus).toContain("icma");
  });

  it("does not need the words that only say how a source holds a fact", () => {
    const police = section("Resources on policing", "Black Lives Matter: Racial Disparity and a Review of Police-Community Relations (PDF) In 2014, race disparity and police use of force collided.");
    expect(states("What year does the Black Lives Matter paper point to?", police)).toBe(true);
    expect(states("What year was the Black Lives Matter review funded?", police)).toBe(false);
  });

  it("takes a part of the corpus named by its topic for no outside source", () => {
    expect(askedFacts("As the equity officer, what does ICMA's HR leadership guidance say should happen with goals like that?")).toEqual([]);
  });

  it("finds a named source only in a section titled with its name", () => {
    expect(states("What does the Cybersecurity Leadership Program say about credits?", program)).toBe(true);
    expect(states("What does the St. Paul toolkit say about housing?", section("Equity resources", "St Paul, MN: Racial Equity Toolkit"))).toBe(false);
  });
});

describe("expandContractions", () => {
  it("spells out wh-word contractions however the apostrophe is typed, or left out", () => {
    expect(expandContractions("What's the cost? whats the fee? who’s the speaker? where're they")).toBe("What is the cost? what is the fee? who is the speaker? where are they");
    expect(expandContractions("Whats more, the theses")).toBe("What is more, the theses");
    expect(expandContractions("they're treated unfairly, we’ve got one, I'm told")).toBe("they are treated unfairly, we have got one, I am told");
  });

  it("finds the asked fact in 'whats' the same as in 'what is'", () => {
    expect(askedFacts("whats the member price for the cybersecurity program").map((f) => f.kind)).toEqual(askedFacts("what is the member price for the cybersecurity program").map((f) => f.kind));
  });
});

describe("a section about every section of a kind", () => {
  const workshop = (id: string, title: string, text: string, aboutEvery?: Section["kind"]): Section =>
    ({ id, kind: "workshop", title, text, parent: null, source: null, ...(aboutEvery ? { aboutEvery } : {}) }) as Section;
  const priceList = workshop("workshops.booking", "ICMA workshops: price and how to reserve one", "Half-day workshops: $3,960 for up to 50 participants.", "workshop");
  const design = workshop("workshops.design-thinking", "Workshop: Design Thinking", "Design thinking is a process for creative problem solving.");
  const stats = new CorpusStats([priceList, design]);
  const stated = (question: string, s: Section) => {
    const [fact] = askedFacts(question);
    return factReadings(s, stats).some(({ sectionTerms, titleTerms }) => statesFact(fact!, s, sectionTerms, titleTerms));
  };

  it("states a fact asked of one of them, which it names nowhere", () => {
    expect(stated("How much does the Design Thinking workshop cost?", priceList)).toBe(true);
  });

  it("states nothing of a thing no section of the kind is, nor a value it does not give", () => {
    expect(stated("How much does the Design Thinking webinar series cost?", priceList)).toBe(false);
    expect(stated("How much does a full-day Design Thinking workshop cost?", priceList)).toBe(false);
    expect(factReadings({ ...priceList, aboutEvery: undefined }, stats)).toHaveLength(1);
  });
});

describe("people, posts and how often", () => {
  const report = section("Governing for Equity: a report by Benoy Jacob", "In this report, ICMA Research Fellow Benoy Jacob, Ph.D., highlights local governments.");
  const insight = section("Expert insight from Benoy Jacob", "Benoy Jacob, Ph.D.\nDirector of the Community Development Institute, University of Wisconsin-Madison");
  const publications = section("Selected publications by Benoy Jacob", "Advancing Social Equity: Lessons from (and for) Public Managers, by Benoy Jacob, PM Magazine, 2019.");

  it("asks for a person by what they are ('which fellow wrote...')", () => {
    expect(askedFacts("Which fellow wrote the equity report?").map((f) => f.kind)).toEqual(["person"]);
    expect(states("Which fellow wrote the equity report?", report)).toBe(true);
  });

  it("asks where someone works, answered by a post held at a body and not by a journal named", () => {
    for (const q of ["Where does Benoy Jacob work?", "What university is Benoy Jacob at?"]) expect(askedFacts(q).map((f) => f.kind)).toEqual(["affiliation"]);
    expect(askedFacts("Where does equity work fit in the practices?").map((f) => f.kind)).not.toContain("affiliation");
    expect(states("Where does Benoy Jacob work?", insight)).toBe(true);
    expect(states("Where does Benoy Jacob work?", publications)).toBe(false);
  });

  it("reads 'this person' as 'he'", () => {
    const [fact] = askedFactsInFollowUp("where is this person based?", "What has Benoy Jacob published in PM Magazine?") ?? [];
    expect(fact?.kind).toBe("affiliation");
    expect(statesFact(fact!, insight, terms(insight), new Set(contentTerms(insight.title)))).toBe(true);
  });

  it("reads 'he' in a follow-up as the person the previous question named", () => {
    const [fact] = askedFactsInFollowUp("Where does he work?", "What has Benoy Jacob published in PM Magazine?") ?? [];
    expect(fact?.kind).toBe("affiliation");
    expect(statesFact(fact!, insight, terms(insight), new Set(contentTerms(insight.title)))).toBe(true);
  });

  it("asks how often only in a follow-up, answered by an interval, or by 'periodically' when the asker names none", () => {
    expect(askedFacts("How often should performance evaluations happen?")).toEqual([]);
    const goals = section("Personal resiliency", "Periodically establishing personal development goals");
    const evaluations = section("Staff effectiveness", "Conducting effective performance evaluations, providing constructive feedback");
    const often = (followUp: string, s: Section) => statesFact(askedFactsInFollowUp(followUp, "What does ICMA say about personal development goals and evaluations?")![0]!, s, terms(s), new Set(contentTerms(s.title)));
    expect(often("how often should we do them?", goals)).toBe(true);
    expect(often("how often should we do them?", evaluations)).toBe(false);
    expect(often("how often exactly, every year or every quarter?", goals)).toBe(false);
  });

  it("does not read a practice named by its number as a source of its own", () => {
    expect(askedFacts("What does Practice 5 say about personal development goals?")).toEqual([]);
    expect(askedFacts("What does the St. Paul racial equity toolkit recommend?").map((f) => f.kind)).toEqual(["contents"]);
  });
});

describe("a value stated about the subject", () => {
  it("needs half the subject's words in the stating sentence, not one", () => {
    const partners = section("Equity materials from partners", "A variety of tools and resources from the Government Alliance on Race and Equity (GARE). City of San Antonio Office of Equity: Equity Framework and Rapid Response Tool.");
    expect(states("Who heads the City of San Antonio Office of Equity?", partners)).toBe(false);
  });

  it("reads 'is it free?' as a price, answered by 'complimentary'", () => {
    const app = section("ICMA Connect: the mobile app", "The complimentary ICMA Connect app is the best way to connect with peers.");
    expect(askedFacts("are those webinars free?").map((f) => f.kind)).toEqual(["amount"]);
    expect(askedFacts("Does ICMA want staff to feel free to experiment?")).toEqual([]);
    expect(states("is the ICMA Connect app free?", app)).toBe(true);
  });
});

describe("a place", () => {
  it("is not an author's name before a journal's initials ('Tan Yigitcanlar, PM Magazine')", () => {
    const list = section("Selected publications", "Smart Cities, by Kevin C. Desouza & Tan Yigitcanlar, PM Magazine, 2020.");
    const towns = section("Partners", "Materials from Dublin, OH and the City of San Antonio.");
    expect(states("Which cities did the article study?", list)).toBe(false);
    expect(states("Which cities are in the partner materials?", towns)).toBe(true);
  });
});

describe("frames and citation styles", () => {
  it("reads 'the application window' as a frame of the date, not a word the section must use", () => {
    expect(states("When does the application window close for the Leadership Institute?", institute)).toBe(true);
  });

  it("finds authors written in citation style ('by Hendrick, R., Yonghong Wu, & Jacob, B.')", () => {
    const list = section("Selected publications", "Tax Competition Among Municipal Governments: Exit Versus Voice, by Hendrick, R., Yonghong Wu, & Jacob, B., Urban Affairs Review, 2007.");
    expect(states("Who co-wrote Tax Competition Among Municipal Governments?", list)).toBe(true);
  });
});

describe("follow-ups for a name or a document", () => {
  it("reads 'what's her name?' as a person, which a section naming nobody does not state", () => {
    const blog = section("ICMA blog posts", "Learn about an ICMA global award recipient's time in Belgium and the Netherlands.");
    const [fact] = askedFactsInFollowUp("what's her name?", "There was an ICMA blog post about a global award winner's trip. Where did she go?") ?? [];
    expect(fact?.kind).toBe("person");
    expect(statesFact(fact!, blog, terms(blog), new Set(contentTerms(blog.title)))).toBe(false);
  });

  it("asks for a document to download only in a follow-up, stated by a section that offers one", () => {
    expect(askedFacts("Is there an ICMA performance evaluation form I can download?")).toEqual([]);
    const [fact] = askedFactsInFollowUp("is there an ICMA evaluation form I can download for that?", "what does ICMA expect from a good performance evaluation?") ?? [];
    expect(fact?.kind).toBe("document");
    const evaluations = section("Staff effectiveness", "Conducting effective performance evaluations, providing constructive feedback");
    expect(statesFact(fact!, evaluations, terms(evaluations), new Set(contentTerms(evaluations.title)))).toBe(false);
  });
});

describe("more values asked in follow-ups", () => {
  it("reads 'what does a full-day one run?' as a price and 'how long has she...' as a span", () => {
    expect(askedFacts("and what does a full-day one run?").map((f) => f.kind)).toEqual(["amount"]);
    expect(askedFacts("how long has she been in that job?").map((f) => f.kind)).toEqual(["duration"]);
  });

  it("needs a state for 'what state', and a place other than the one asked about", () => {
    const cohort = section("Equity cohort", "Members include a county administrator from Saline County and staff of Durham County.");
    expect(states("saline county is in what state?", cohort)).toBe(false);
    expect(states("Which state is the Dublin office in?", section("Offices", "The office in Dublin, OH opened first."))).toBe(true);
  });
});
