//! AP style rules, as a table: one row per rule with its id, a short
//! explanation, a matcher, the suggestion it makes and its examples, which
//! the tests at the bottom run. Changing a rule is changing its row.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::Severity;
use crate::model::{Credit, Role};

/// One AP style rule.
pub struct Rule {
    pub id: &'static str,
    /// What the rule asks for, shown with each finding.
    pub explanation: &'static str,
    pub severity: Severity,
    pub matcher: Matcher,
    pub examples: &'static [Example],
}

/// How a rule finds what it flags.
pub enum Matcher {
    /// A regular expression over a body paragraph; `judge` sees the paragraph
    /// and the match and returns the suggestion, or `None` where the match is
    /// one of AP's exceptions. The flagged range is the group named `m` if
    /// the pattern has one, else the whole match.
    Pattern {
        regex: &'static str,
        judge: fn(&str, &Captures) -> Option<String>,
    },
    /// A scan of a body paragraph by code, for what a pattern cannot say.
    Scan(fn(&str, &mut Vec<Hit>)),
    /// The dateline field: the flagged range and the suggestion.
    Dateline(fn(&str) -> Option<Hit>),
    /// One credit of the story.
    Credit(fn(&Credit) -> Option<Hit>),
    /// The story as a whole: straight and curly quotes (see `quote_hits`).
    Quotes,
}

/// A flagged byte range and what to put there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub suggestion: Option<String>,
}

/// An example: a text and what the rule flags in it — `Some((flagged text,
/// suggestion))`, `None` for a text the rule leaves alone. Suggestion ""
/// means the rule flags without suggesting.
pub struct Example(pub &'static str, pub Option<(&'static str, &'static str)>);

pub const RULES: &[Rule] = &[
    Rule {
        id: "numerals",
        explanation: "Spell out one through nine; use figures for ages, percentages, dimensions, dates, times, money and scores (AP)",
        severity: Severity::Error,
        matcher: Matcher::Pattern { regex: r"\b[1-9]\b", judge: small_numeral },
        examples: &[
            Example("The council hired 3 lawyers.", Some(("3", "three"))),
            Example("5 people were hurt.", Some(("5", "Five"))),
            Example("The boy, 5, was hurt.", None),
            Example("a 6-year-old girl", None),
            Example("up 4% from last year", None),
            Example("fares rose 5 percent.", None),
            Example("on Sept. 5, the board met", None),
            Example("at 3 p.m. on Friday", None),
            Example("fares held at $2", None),
            Example("won 3-2 in overtime", None),
            Example("a 6 foot fence", None),
            Example("grew 2.5 million", None),
            Example("No. 1 seed", None),
            Example("She is 7 years old.", None),
        ],
    },
    Rule {
        id: "numerals-ten-up",
        explanation: "Use figures for 10 and above (AP)",
        severity: Severity::Error,
        matcher: Matcher::Pattern {
            regex: r"\b(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\b",
            judge: large_number_word,
        },
        examples: &[
            Example("the council hired twelve lawyers", Some(("twelve", "12"))),
            Example("about twenty-five people", Some(("twenty-five", "25"))),
            Example("Twelve people were hurt.", None),
            Example("the Ten Commandments", None),
        ],
    },
    Rule {
        id: "percent-sign",
        explanation: "Use % with a figure and no space: 5% (AP since 2019)",
        severity: Severity::Error,
        matcher: Matcher::Pattern {
            regex: r"(?P<n>\d+(?:\.\d+)?)(?:\s*(?:percent|per cent)\b|\s*pct\b\.?|\s+%)",
            judge: percent_sign,
        },
        examples: &[
            Example("rose 5 percent", Some(("5 percent", "5%"))),
            Example("rose 5.5 per cent", Some(("5.5 per cent", "5.5%"))),
            Example("rose 5 %", Some(("5 %", "5%"))),
            Example("rose 5%", None),
            Example("a large percentage", None),
        ],
    },
    Rule {
        id: "percent-figure",
        explanation: "Percentages take figures: 5%, not five percent (a sentence may start with the words)",
        severity: Severity::Error,
        matcher: Matcher::Pattern {
            regex: r"\b(?P<w>one|two|three|four|five|six|seven|eight|nine|ten)[ -](?:percent|per cent)\b",
            judge: percent_words,
        },
        examples: &[
            Example("rose five percent", Some(("five percent", "5%"))),
            Example("Five percent of voters", None),
        ],
    },
    Rule {
        id: "month-date",
        explanation: "With a date, abbreviate Jan., Feb., Aug., Sept., Oct., Nov., Dec.; spell out March through July",
        severity: Severity::Error,
        matcher: Matcher::Pattern {
            regex: r"\b(?P<m>{MONTH}\.?)\s+[1-3]?\d\b",
            judge: month_with_date,
        },
        examples: &[
            Example("on September 13, 2023", Some(("September", "Sept."))),
            Example("on Sep. 13", Some(("Sep.", "Sept."))),
            Example("on Sept 13", Some(("Sept", "Sept."))),
            Example("on Jul. 4", Some(("Jul.", "July"))),
            Example("on Sept. 13", None),
            Example("on Aug. 5", None),
            Example("on March 3", None),
            Example("on May 9", None),
            Example("in September 2023", None),
        ],
    },
    Rule {
        id: "month-alone",
        explanation: "Spell out a month without a date: September 2023",
        severity: Severity::Error,
        matcher: Matcher::Pattern {
            regex: r"\b(?P<m>{MONTH_ABBREVIATED}\.?)\s+\d{4}\b",
            judge: month_alone,
        },
        examples: &[
            Example("in Sept. 2023", Some(("Sept.", "September"))),
            Example("in September 2023", None),
        ],
    },
    Rule {
        id: "us",
        explanation: "U.S. with periods in running text",
        severity: Severity::Error,
        matcher: Matcher::Pattern { regex: r"\b(?:USA|US)\b|\bU\.S\.A\.?", judge: us },
        examples: &[
            Example("the US government", Some(("US", "U.S."))),
            Example("across the USA", Some(("USA", "U.S."))),
            Example("the U.S. government", None),
            Example("join us today", None),
        ],
    },
    Rule {
        id: "am-pm",
        explanation: "Times as 10 a.m., 3:30 p.m. (lowercase, periods, no :00)",
        severity: Severity::Error,
        matcher: Matcher::Pattern {
            regex: r"\b(?P<n>\d{1,2}(?::\d\d)?)\s*(?P<x>[AaPp])\.?\s?[Mm]\b\.?",
            judge: am_pm,
        },
        examples: &[
            Example("at 10 AM on Monday", Some(("10 AM", "10 a.m."))),
            Example("at 3pm", Some(("3pm", "3 p.m."))),
            Example("at 10:00 a.m. sharp", Some(("10:00 a.m.", "10 a.m."))),
            Example("at 3:30 p.m. Friday", None),
            Example("at 10 a.m. Monday", None),
        ],
    },
    Rule {
        id: "said",
        explanation: "Attribute with \"said\": it is neutral (a suggestion, not an error)",
        severity: Severity::Suggestion,
        matcher: Matcher::Pattern { regex: r"\b(?:stated|exclaimed|remarked|opined)\b", judge: said },
        examples: &[
            Example("\"We will win,\" she exclaimed.", Some(("exclaimed", "said"))),
            Example("\"It is over,\" the mayor stated.", Some(("stated", "said"))),
            Example("the stated goal of the plan", None),
            Example("Officials stated that the plan was dead.", Some(("stated", "said"))),
            Example("\"We will win,\" she said.", None),
        ],
    },
    Rule {
        id: "doubled-word",
        explanation: "The same word twice in a row",
        severity: Severity::Error,
        matcher: Matcher::Scan(doubled_words),
        examples: &[
            Example("the the council", Some(("the the", "the"))),
            Example("voted to to delay", Some(("to to", "to"))),
            Example("what he had had was gone", None),
            Example("the council. The mayor", None),
        ],
    },
    Rule {
        id: "quotes",
        explanation: "Quotation marks and apostrophes straight or curly, the same throughout the story",
        severity: Severity::Error,
        matcher: Matcher::Quotes,
        examples: &[
            // A story of paragraphs separated by " | " (see the tests).
            Example("“Yes,” she said. | “No,” he said. | He called it a \"plan.", Some(("\"", "“"))),
            Example("\"Yes,\" she said. | \"No,\" he said.", None),
        ],
    },
    Rule {
        id: "dateline",
        explanation: "Datelines: CITY (AP) for AP's stand-alone cities, CITY, State (AP) with AP's state abbreviation otherwise",
        severity: Severity::Error,
        matcher: Matcher::Dateline(dateline),
        examples: &[
            Example("CHICAGO, Ill. (AP)", Some(("CHICAGO, Ill.", "CHICAGO"))),
            Example("FRESNO, CA (AP)", Some(("CA", "Calif."))),
            Example("FRESNO, California (AP)", Some(("California", "Calif."))),
            Example("Houston (AP)", Some(("Houston", "HOUSTON"))),
            Example("HOUSTON (AP)", None),
            Example("FRESNO, Calif. (AP)", None),
            Example("BOISE, Idaho (AP)", None),
            Example("REYKJAVIK, Iceland (AP)", None),
        ],
    },
    Rule {
        id: "byline-full-name",
        explanation: "A byline gives the writer's full name",
        severity: Severity::Error,
        matcher: Matcher::Credit(surname_only),
        examples: &[Example("Nordvik", Some(("Nordvik", ""))), Example("Kari Nordvik", None)],
    },
];

/// The compiled patterns of [`RULES`], in the same order (`None` for rules
/// that are not patterns).
pub(crate) fn compiled() -> &'static [Option<Regex>] {
    static COMPILED: OnceLock<Vec<Option<Regex>>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        RULES
            .iter()
            .map(|r| match r.matcher {
                Matcher::Pattern { regex, .. } => {
                    Some(Regex::new(&crate::months::expand(regex)).expect("rule patterns compile"))
                }
                _ => None,
            })
            .collect()
    })
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// What the rules at `index` flag in a body paragraph.
pub(crate) fn paragraph_hits(index: usize, paragraph: &str, out: &mut Vec<Hit>) {
    match &RULES[index].matcher {
        Matcher::Pattern { judge, .. } => {
            let re = compiled()[index].as_ref().expect("a pattern rule is compiled");
            for c in re.captures_iter(paragraph) {
                if let Some(suggestion) = judge(paragraph, &c) {
                    let m = c.name("m").unwrap_or_else(|| c.get(0).expect("group 0"));
                    out.push(Hit {
                        start: m.start(),
                        end: m.end(),
                        suggestion: (!suggestion.is_empty()).then_some(suggestion),
                    });
                }
            }
        }
        Matcher::Scan(scan) => scan(paragraph, out),
        _ => {}
    }
}

// ---- helpers -------------------------------------------------------------

const SMALL: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Whether byte `at` starts a sentence (only spaces and opening quotes
/// since the last full stop, or the paragraph's start).
fn sentence_start(p: &str, at: usize) -> bool {
    let before = p[..at].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\'' | '('));
    before.is_empty() || before.ends_with(['.', '!', '?', ':'])
}

fn last_word(s: &str) -> &str {
    let s = s.trim_end();
    let start = s
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    &s[start..]
}

/// Words before a figure that make it a date, a rank, an address, an age…
const FIGURE_BEFORE: &[&str] = &[
    "No.",
    "no.",
    "No",
    "Chapter",
    "chapter",
    "page",
    "Page",
    "Room",
    "room",
    "Route",
    "Highway",
    "Interstate",
    "Game",
    "game",
    "Week",
    "week",
    "District",
    "district",
    "age",
    "ages",
    "aged",
    "Category",
    "category",
    "Level",
    "level",
    "Grade",
    "grade",
    "size",
    "Size",
    "Act",
    "Article",
    "Section",
    "Amendment",
    "Phase",
    "phase",
    "Stage",
    "stage",
    "feet",
    "foot",
    "inches",
    "Apollo",
    "Precinct",
    "Ward",
    "Unit",
    "Gate",
    "Terminal",
    "Platform",
    "Pier",
    "Lot",
    "Channel",
    "Flight",
    "Box",
    "Court",
    "Floor",
    "Division",
    "Figure",
    "Table",
    "Question",
    "Proposition",
    "Measure",
];

/// Words after a figure that make it an age, a measure, money, a time…
const FIGURE_AFTER: &[&str] = &[
    "percent",
    "percentage",
    "years",
    "year",
    "months",
    "month",
    "feet",
    "foot",
    "inches",
    "inch",
    "meters",
    "meter",
    "metres",
    "kilometers",
    "kilometres",
    "km",
    "miles",
    "mile",
    "mph",
    "yards",
    "yard",
    "pounds",
    "pound",
    "ounces",
    "tons",
    "tonnes",
    "degrees",
    "points",
    "point",
    "cents",
    "cent",
    "dollars",
    "euros",
    "million",
    "billion",
    "trillion",
    "a.m.",
    "p.m.",
    "a.m",
    "p.m",
    "am",
    "pm",
    "o'clock",
    "o’clock",
    "to",
    "p.m.,",
    "a.m.,",
    "goals",
    "runs",
    "seconds",
    "minutes",
    "hours",
    "liters",
    "gallons",
    "acres",
    "hectares",
    "centimeters",
    "millimeters",
    "kilograms",
    "grams",
    "magnitude",
    "x",
    "by",
];

fn small_numeral(p: &str, c: &Captures) -> Option<String> {
    let m = c.get(0)?;
    let before = &p[..m.start()];
    let after = &p[m.end()..];
    // Part of a larger figure: 2.5, 1,000, 3-2, 9/11, 2:30, $5, #1, 5%.
    if before.ends_with(['.', ',', ':', '/', '-', '–', '$', '£', '€', '#', '+', '×'])
        || after.starts_with(['%', '-', '–', '/', ':', ')', '×'])
        || (after.starts_with(['.', ',']) && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let prev = last_word(before);
    if crate::months::find(prev).is_some() || FIGURE_BEFORE.contains(&prev) {
        return None;
    }
    let next = after
        .trim_start()
        .split(|c: char| c.is_whitespace() || c == '-')
        .next()
        .unwrap_or("");
    let next_bare = next.trim_end_matches(['.', ',', ';', ':', ')']);
    if FIGURE_AFTER.contains(&next_bare) || FIGURE_AFTER.contains(&next) {
        return None;
    }
    // An age after a name: "The boy, 5, was hurt."
    if before.ends_with(", ") && after.starts_with(',') {
        return None;
    }
    let word = SMALL[m.as_str().parse::<usize>().ok()?];
    Some(if sentence_start(p, m.start()) {
        capitalize(word)
    } else {
        word.to_string()
    })
}

fn number_value(word: &str) -> Option<u32> {
    const TEENS: [&str; 10] = [
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let (tens, unit) = word.split_once('-').unwrap_or((word, ""));
    let unit = if unit.is_empty() {
        0
    } else {
        SMALL.iter().position(|s| *s == unit)? as u32
    };
    if let Some(i) = TEENS.iter().position(|s| *s == tens) {
        return (unit == 0).then_some(10 + i as u32);
    }
    TENS.iter().position(|s| *s == tens).map(|i| 20 + 10 * i as u32 + unit)
}

fn large_number_word(p: &str, c: &Captures) -> Option<String> {
    let m = c.get(0)?;
    // Sentence starts are spelled out; capitalised uses are names ("Top Ten").
    if sentence_start(p, m.start()) {
        return None;
    }
    number_value(m.as_str()).map(|n| n.to_string())
}

fn percent_sign(_: &str, c: &Captures) -> Option<String> {
    Some(format!("{}%", c.name("n")?.as_str()))
}

fn percent_words(p: &str, c: &Captures) -> Option<String> {
    let m = c.get(0)?;
    if sentence_start(p, m.start()) {
        return None;
    }
    let w = c.name("w")?.as_str();
    let n = SMALL
        .iter()
        .position(|s| *s == w)
        .map(|n| n as u32)
        .or_else(|| number_value(w))?;
    Some(format!("{n}%"))
}

fn ap_month(m: &str) -> Option<&'static str> {
    crate::months::find(m).map(|m| m.ap)
}

fn month_with_date(_: &str, c: &Captures) -> Option<String> {
    let m = c.name("m")?.as_str();
    let ap = ap_month(m)?;
    (m != ap).then(|| ap.to_string())
}

fn month_alone(_: &str, c: &Captures) -> Option<String> {
    crate::months::find(c.name("m")?.as_str()).map(|m| m.full.to_string())
}

fn us(p: &str, c: &Captures) -> Option<String> {
    let m = c.get(0)?;
    // A line in capitals ("US AND THEM") is a heading, not running text.
    let before = p[..m.start()].chars().rev().take(12);
    let after = p[m.end()..].chars().take(12);
    before.chain(after).any(char::is_lowercase).then(|| "U.S.".into())
}

fn am_pm(_: &str, c: &Captures) -> Option<String> {
    let n = c.name("n")?.as_str();
    let n = n.strip_suffix(":00").unwrap_or(n);
    let ap = format!("{n} {}.m.", c.name("x")?.as_str().to_lowercase());
    (c.get(0)?.as_str() != ap).then_some(ap)
}

fn said(p: &str, c: &Captures) -> Option<String> {
    // Attribution: a quote in the paragraph, or the verb ends a clause or
    // takes "that". "The stated goal" is not attribution.
    let after = &p[c.get(0)?.end()..];
    let attribution =
        p.contains(['"', '“', '”']) || after.starts_with(['.', ',', ';', ':']) || after.starts_with(" that ");
    attribution.then(|| "said".into())
}

fn doubled_words(p: &str, out: &mut Vec<Hit>) {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = WORD.get_or_init(|| Regex::new(r"\b[\p{L}']+\b").expect("word pattern"));
    let mut prev: Option<regex::Match> = None;
    for m in word.find_iter(p) {
        if let Some(pm) = prev {
            let between = &p[pm.end()..m.start()];
            if !between.is_empty()
                && between.chars().all(|c| c == ' ')
                && pm.as_str().eq_ignore_ascii_case(m.as_str())
                && !matches!(m.as_str().to_lowercase().as_str(), "had" | "that" | "is")
            {
                out.push(Hit {
                    start: pm.start(),
                    end: m.end(),
                    suggestion: Some(pm.as_str().to_string()),
                });
            }
        }
        prev = Some(m);
    }
}

/// AP's stand-alone dateline cities, in capitals.
const STANDALONE: &[&str] = &[
    "ATLANTA",
    "BALTIMORE",
    "BOSTON",
    "CHICAGO",
    "CINCINNATI",
    "CLEVELAND",
    "DALLAS",
    "DENVER",
    "DETROIT",
    "HONOLULU",
    "HOUSTON",
    "INDIANAPOLIS",
    "LAS VEGAS",
    "LOS ANGELES",
    "MIAMI",
    "MILWAUKEE",
    "MINNEAPOLIS",
    "NEW ORLEANS",
    "NEW YORK",
    "OKLAHOMA CITY",
    "PHILADELPHIA",
    "PHOENIX",
    "PITTSBURGH",
    "ST. LOUIS",
    "SALT LAKE CITY",
    "SAN ANTONIO",
    "SAN DIEGO",
    "SAN FRANCISCO",
    "SEATTLE",
    "WASHINGTON",
    "AMSTERDAM",
    "BAGHDAD",
    "BANGKOK",
    "BEIJING",
    "BEIRUT",
    "BERLIN",
    "BRUSSELS",
    "CAIRO",
    "DJIBOUTI",
    "DUBLIN",
    "GENEVA",
    "GIBRALTAR",
    "GUATEMALA CITY",
    "HAVANA",
    "HELSINKI",
    "HONG KONG",
    "ISLAMABAD",
    "ISTANBUL",
    "JERUSALEM",
    "JOHANNESBURG",
    "KABUL",
    "KUWAIT CITY",
    "LONDON",
    "LUXEMBOURG",
    "MACAO",
    "MADRID",
    "MEXICO CITY",
    "MILAN",
    "MONACO",
    "MONTREAL",
    "MOSCOW",
    "MUNICH",
    "NEW DELHI",
    "OTTAWA",
    "PANAMA CITY",
    "PARIS",
    "PRAGUE",
    "QUEBEC CITY",
    "RIO DE JANEIRO",
    "ROME",
    "SAN MARINO",
    "SAO PAULO",
    "SHANGHAI",
    "SINGAPORE",
    "STOCKHOLM",
    "SYDNEY",
    "TOKYO",
    "TORONTO",
    "VATICAN CITY",
    "VIENNA",
    "ZURICH",
];

/// US states: (name, AP dateline form, postal code). AP spells out the eight
/// states whose form is their name.
const STATES: &[(&str, &str, &str)] = &[
    ("Alabama", "Ala.", "AL"),
    ("Alaska", "Alaska", "AK"),
    ("Arizona", "Ariz.", "AZ"),
    ("Arkansas", "Ark.", "AR"),
    ("California", "Calif.", "CA"),
    ("Colorado", "Colo.", "CO"),
    ("Connecticut", "Conn.", "CT"),
    ("Delaware", "Del.", "DE"),
    ("Florida", "Fla.", "FL"),
    ("Georgia", "Ga.", "GA"),
    ("Hawaii", "Hawaii", "HI"),
    ("Idaho", "Idaho", "ID"),
    ("Illinois", "Ill.", "IL"),
    ("Indiana", "Ind.", "IN"),
    ("Iowa", "Iowa", "IA"),
    ("Kansas", "Kan.", "KS"),
    ("Kentucky", "Ky.", "KY"),
    ("Louisiana", "La.", "LA"),
    ("Maine", "Maine", "ME"),
    ("Maryland", "Md.", "MD"),
    ("Massachusetts", "Mass.", "MA"),
    ("Michigan", "Mich.", "MI"),
    ("Minnesota", "Minn.", "MN"),
    ("Mississippi", "Miss.", "MS"),
    ("Missouri", "Mo.", "MO"),
    ("Montana", "Mont.", "MT"),
    ("Nebraska", "Neb.", "NE"),
    ("Nevada", "Nev.", "NV"),
    ("New Hampshire", "N.H.", "NH"),
    ("New Jersey", "N.J.", "NJ"),
    ("New Mexico", "N.M.", "NM"),
    ("New York", "N.Y.", "NY"),
    ("North Carolina", "N.C.", "NC"),
    ("North Dakota", "N.D.", "ND"),
    ("Ohio", "Ohio", "OH"),
    ("Oklahoma", "Okla.", "OK"),
    ("Oregon", "Ore.", "OR"),
    ("Pennsylvania", "Pa.", "PA"),
    ("Rhode Island", "R.I.", "RI"),
    ("South Carolina", "S.C.", "SC"),
    ("South Dakota", "S.D.", "SD"),
    ("Tennessee", "Tenn.", "TN"),
    ("Texas", "Texas", "TX"),
    ("Utah", "Utah", "UT"),
    ("Vermont", "Vt.", "VT"),
    ("Virginia", "Va.", "VA"),
    ("Washington", "Wash.", "WA"),
    ("West Virginia", "W.Va.", "WV"),
    ("Wisconsin", "Wis.", "WI"),
    ("Wyoming", "Wyo.", "WY"),
];

fn dateline(d: &str) -> Option<Hit> {
    // "CITY, State (AP)": the credit in parentheses is not ours to judge.
    let place = d.split(" (").next().unwrap_or(d).trim_end_matches([' ', '—', '–', '-']);
    let (city, rest) = match place.split_once(", ") {
        Some((c, r)) => (c, Some(r)),
        None => (place, None),
    };
    if city.chars().any(char::is_lowercase) {
        return Some(Hit {
            start: 0,
            end: city.len(),
            suggestion: Some(city.to_uppercase()),
        });
    }
    let rest = rest?;
    if STANDALONE.contains(&city) {
        return Some(Hit {
            start: 0,
            end: place.len(),
            suggestion: Some(city.to_string()),
        });
    }
    let at = city.len() + 2;
    STATES
        .iter()
        .find(|(name, ap, postal)| rest != *ap && (rest == *name || rest == *postal))
        .map(|(_, ap, _)| Hit {
            start: at,
            end: at + rest.len(),
            suggestion: Some(ap.to_string()),
        })
}

fn surname_only(c: &Credit) -> Option<Hit> {
    let name = c.name.trim();
    let surname_only = c.role == Role::Author && !name.is_empty() && !name.contains(char::is_whitespace);
    surname_only.then_some(Hit {
        start: 0,
        end: c.name.len(),
        suggestion: None,
    })
}

/// The quote marks to flag in a story: the less used style (straight or
/// curly), each mark with the other style's form. Ties leave straight
/// marks flagged (curly is what typeset copy uses).
pub(crate) fn quote_hits(paragraphs: &[&str]) -> Vec<(usize, Hit)> {
    let is_quote = |c: char| matches!(c, '"' | '“' | '”');
    let (mut straight, mut curly) = (0usize, 0usize);
    for p in paragraphs {
        for c in p.chars().filter(|c| is_quote(*c)) {
            if c == '"' {
                straight += 1
            } else {
                curly += 1
            }
        }
    }
    if straight == 0 || curly == 0 {
        return Vec::new();
    }
    let flag_straight = straight <= curly;
    let mut out = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        for (at, c) in p.char_indices().filter(|(_, c)| is_quote(*c)) {
            let suggestion = match (c, flag_straight) {
                ('"', true) => {
                    let opening = p[..at]
                        .chars()
                        .next_back()
                        .is_none_or(|b| b.is_whitespace() || "([{—–".contains(b));
                    if opening {
                        "“"
                    } else {
                        "”"
                    }
                }
                ('“' | '”', false) => "\"",
                _ => continue,
            };
            out.push((
                i,
                Hit {
                    start: at,
                    end: at + c.len_utf8(),
                    suggestion: Some(suggestion.into()),
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `rule` flags in an example text, as (flagged text, suggestion).
    fn flagged(rule: &Rule, index: usize, text: &str) -> Vec<(String, String)> {
        let mut hits = Vec::new();
        let mut source: Vec<String> = Vec::new();
        match &rule.matcher {
            Matcher::Pattern { .. } | Matcher::Scan(_) => {
                paragraph_hits(index, text, &mut hits);
                source = vec![text.to_string(); hits.len()];
            }
            Matcher::Dateline(f) => {
                hits.extend(f(text));
                source = vec![text.to_string(); hits.len()];
            }
            Matcher::Credit(f) => {
                let credit = Credit {
                    name: text.into(),
                    ..Default::default()
                };
                hits.extend(f(&credit));
                source = vec![text.to_string(); hits.len()];
            }
            Matcher::Quotes => {
                let paragraphs: Vec<&str> = text.split(" | ").collect();
                for (i, h) in quote_hits(&paragraphs) {
                    source.push(paragraphs[i].to_string());
                    hits.push(h);
                }
            }
        }
        hits.iter()
            .zip(source)
            .map(|(h, s)| (s[h.start..h.end].to_string(), h.suggestion.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn every_rule_does_what_its_examples_say() {
        for (i, rule) in RULES.iter().enumerate() {
            assert!(!rule.examples.is_empty(), "{} has no examples", rule.id);
            for Example(text, expected) in rule.examples {
                let got = flagged(rule, i, text);
                match expected {
                    Some((span, suggestion)) => assert_eq!(
                        got,
                        vec![(span.to_string(), suggestion.to_string())],
                        "rule {} on {text:?}",
                        rule.id
                    ),
                    None => assert!(got.is_empty(), "rule {} flagged {got:?} in {text:?}", rule.id),
                }
            }
        }
    }

    #[test]
    fn rule_ids_are_unique() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}
