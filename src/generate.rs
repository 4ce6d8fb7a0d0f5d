//! A generated desk: many varied, made-up stories, for the benchmarks and the
//! scale tests (`copydesk dev-generate`). Deterministic: the same seed gives
//! the same stories, so every run measures the same desk.
//!
//! Words are drawn with a skewed distribution over a newsroom vocabulary,
//! so that, as on a real desk, a few words are in most stories ("officials",
//! "city") and most words in few; a handful of surnames are rare on purpose
//! (about one story in a thousand).

use crate::error::Result;
use crate::model::{RevisionKind, Status, StoryContent};
use crate::store::Store;

/// Xorshift from a fixed seed: the same sequence on every run.
pub struct Rng(pub u64);

impl Rng {
    // Not an iterator: the sequence never ends, and the benchmarks read it
    // a number at a time.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items`, the first ones far more often than the last (roughly
    /// 1/rank, as word frequencies go).
    fn skewed<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let upper = self.below(items.len()) + 1;
        items[self.below(upper)]
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Stories created per transaction: large enough that syncing is rare,
/// small enough that a desk of any size never holds one huge transaction.
const BATCH: u32 = 10_000;

/// Newsroom words, most frequent first.
const WORDS: &[&str] = &[
    "the",
    "officials",
    "said",
    "city",
    "council",
    "on",
    "state",
    "year",
    "new",
    "police",
    "plan",
    "budget",
    "people",
    "school",
    "vote",
    "government",
    "water",
    "county",
    "report",
    "public",
    "million",
    "court",
    "residents",
    "health",
    "week",
    "project",
    "federal",
    "mayor",
    "board",
    "election",
    "housing",
    "governor",
    "department",
    "workers",
    "percent",
    "company",
    "community",
    "local",
    "district",
    "hospital",
    "fire",
    "road",
    "bridge",
    "harbor",
    "tax",
    "funding",
    "program",
    "market",
    "prices",
    "energy",
    "storm",
    "weather",
    "team",
    "season",
    "coach",
    "game",
    "players",
    "festival",
    "museum",
    "library",
    "park",
    "river",
    "transit",
    "bus",
    "rail",
    "airport",
    "flights",
    "union",
    "strike",
    "contract",
    "agreement",
    "talks",
    "minister",
    "parliament",
    "senate",
    "committee",
    "hearing",
    "investigation",
    "charges",
    "trial",
    "judge",
    "jury",
    "verdict",
    "appeal",
    "lawsuit",
    "settlement",
    "farmers",
    "harvest",
    "drought",
    "flood",
    "wildfire",
    "evacuation",
    "shelter",
    "volunteers",
    "donations",
    "charity",
    "students",
    "teachers",
    "university",
    "tuition",
    "research",
    "scientists",
    "study",
    "climate",
    "emissions",
    "solar",
    "wind",
    "grid",
    "outage",
    "internet",
    "technology",
    "startup",
    "jobs",
    "unemployment",
    "inflation",
    "interest",
    "rates",
    "bank",
    "loans",
    "mortgage",
    "rent",
    "tenants",
    "landlords",
    "zoning",
    "development",
    "construction",
    "traffic",
    "crash",
    "injured",
    "killed",
    "arrested",
    "suspect",
    "victims",
    "witnesses",
    "ambulance",
    "paramedics",
    "doctors",
    "nurses",
    "patients",
    "vaccine",
    "outbreak",
    "clinic",
    "pharmacy",
    "pension",
    "retirement",
    "veterans",
    "military",
    "troops",
    "border",
    "immigration",
    "refugees",
    "embassy",
    "summit",
    "treaty",
    "sanctions",
    "exports",
    "imports",
    "tariffs",
    "shipping",
    "port",
    "fishing",
    "coast",
    "tourism",
    "hotel",
    "restaurant",
    "chef",
    "concert",
    "orchestra",
    "theater",
    "gallery",
    "artist",
    "novel",
    "author",
    "award",
    "championship",
    "stadium",
    "marathon",
    "cyclists",
    "swimmers",
    "referee",
    "injury",
    "transfer",
    "fans",
    "tickets",
    "broadcast",
    "newspaper",
    "journalists",
    "archive",
    "heritage",
    "monument",
    "restoration",
    "cathedral",
    "village",
    "neighborhood",
    "downtown",
    "suburbs",
    "highway",
    "tunnel",
    "ferry",
    "reservoir",
    "pipeline",
    "refinery",
    "factory",
    "warehouse",
    "retailers",
    "shoppers",
    "holiday",
    "parade",
    "fireworks",
    "celebration",
    "anniversary",
    "memorial",
    "funeral",
    "tribute",
    "obituary",
    "centenarian",
    "orchard",
    "vineyard",
    "glacier",
    "volcano",
    "earthquake",
    "tsunami",
    "aftershock",
    "landslide",
    "avalanche",
];

const SURNAMES: &[&str] = &[
    "Garcia",
    "Smith",
    "Nguyen",
    "Johnson",
    "Patel",
    "Kim",
    "Rossi",
    "Müller",
    "Dubois",
    "Silva",
    "Kowalski",
    "Hansen",
    "Ivanova",
    "Tanaka",
    "Haddad",
    "Mensah",
    "Andersson",
    "O'Brien",
    "Novak",
    "Chen",
];

/// Rare on purpose: each is in about one story in a thousand.
pub const RARE_NAMES: &[&str] = &["Okonkwo", "Vasquez-Thorne", "Brightwater", "Lindqvist"];

const SECTIONS: &[&str] = &[
    "Metro",
    "Politics",
    "Business",
    "Sports",
    "Weather",
    "Health",
    "Education",
    "Culture",
    "World",
    "Science",
    "Courts",
    "Transport",
];

const AUTHORS: &[&str] = &[
    "Ana Ruiz",
    "Ben Okafor",
    "Chloé Martin",
    "Dev Sharma",
    "Eva Novak",
    "Femi Adeyemi",
    "Grace Liu",
    "Hugo Berg",
    "Iris Cohen",
    "Jon Park",
    "Kira Sato",
    "Leo Moreau",
];

const STATUSES: &[Status] = &[
    Status::Draft,
    Status::Draft,
    Status::Editing,
    Status::Copyedit,
    Status::Ready,
    Status::Published,
    Status::Published,
    Status::Published,
    Status::Withheld,
    Status::Killed,
];

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out: Vec<String> = Vec::with_capacity(words);
    for i in 0..words {
        let w = match rng.below(40) {
            0 => rng.pick(SURNAMES).to_string(),
            1 => format!("{}", 2 + rng.below(990)),
            _ => rng.skewed(WORDS).to_string(),
        };
        out.push(if i == 0 { capitalised(&w) } else { w });
    }
    out.join(" ") + "."
}

/// One made-up story, and who saved it.
pub fn story(rng: &mut Rng) -> (StoryContent, &'static str) {
    let headline_words = 5 + rng.below(6);
    let mut headline: Vec<String> = (0..headline_words)
        .map(|_| rng.below(WORDS.len() - 3) + 3)
        .map(|i| WORDS[i].to_string())
        .collect();
    if rng.below(4) == 0 {
        headline.insert(rng.below(headline.len()), rng.pick(SURNAMES).to_string());
    }
    headline[0] = capitalised(&headline[0]);
    let paragraphs = 3 + rng.below(6);
    let mut body: Vec<String> = (0..paragraphs)
        .map(|_| {
            let sentences = 1 + rng.below(3);
            (0..sentences)
                .map(|_| {
                    let words = 8 + rng.below(18);
                    sentence(rng, words)
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    if rng.below(1_000 / RARE_NAMES.len()) == 0 {
        let name = rng.pick(RARE_NAMES);
        let at = rng.below(body.len());
        body[at] = format!("{name} said {}", body[at]);
    }
    let mut content = StoryContent::new(headline.join(" "), body);
    content.slug = format!("{}-{}", capitalised(&headline[1]), capitalised(&headline[2]));
    content.section = rng.pick(SECTIONS).to_string();
    if rng.below(3) == 0 {
        let words = 10 + rng.below(10);
        content.dek = sentence(rng, words);
    }
    content.status = STATUSES[rng.below(STATUSES.len())];
    (content, rng.pick(AUTHORS))
}

/// Adds `n` made-up stories (see [`story`]) to `store`, seeded by `seed`,
/// through the store's own saves, a batch of them per transaction.
pub fn generate_desk(store: &mut Store, n: u32, seed: u64) -> Result<u32> {
    let mut rng = Rng(seed.max(1));
    let mut made = 0;
    while made < n {
        let batch = (n - made).min(BATCH);
        made += store.create_stories((0..batch).map(|_| story(&mut rng)), RevisionKind::Import)?;
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_stories_and_they_vary() {
        let a: Vec<_> = (0..50).scan(Rng(7), |r, _| Some(story(r).0)).collect();
        let b: Vec<_> = (0..50).scan(Rng(7), |r, _| Some(story(r).0)).collect();
        assert_eq!(a, b);
        let headlines: std::collections::HashSet<_> = a.iter().map(|c| &c.headline).collect();
        assert!(headlines.len() >= 49, "{} distinct headlines of 50", headlines.len());
        let sections: std::collections::HashSet<_> = a.iter().map(|c| &c.section).collect();
        assert!(sections.len() >= 6, "{sections:?}");
        assert!(a.iter().all(|c| c.body.len() >= 3 && c.word_count() > 40));
    }

    #[test]
    fn a_generated_desk_is_stored_and_listed() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(generate_desk(&mut store, 120, 42).unwrap(), 120);
        let page = store.list_page(&Default::default()).unwrap();
        assert_eq!((page.total, page.stories.len()), (120, 100));
        assert!(store.check().unwrap().ok);
    }
}
