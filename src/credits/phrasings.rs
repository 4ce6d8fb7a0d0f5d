//! The words of credit lines, as small tables: changing a newsroom rule is a
//! one-line change here, with a test beside it in `credits::tests`.

use crate::model::Role;

/// Organisation spellings and the name we store for each. Matched without
/// regard to case; anything not listed is kept as written.
pub const ORGANIZATIONS: &[(&str, &str)] = &[
    ("Associated Press", "Associated Press"),
    ("The Associated Press", "Associated Press"),
    ("AP", "Associated Press"),
    ("Reuters", "Reuters"),
    ("Thomson Reuters", "Reuters"),
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
];

/// Role words that stand between an organisation and the names in a
/// "contributed" sentence ("Associated Press journalists A and B
/// contributed"). Longest first, so "sports writers" wins over "writers".
/// The first entry for a role, in its plural form, is what we render.
pub const ROLE_WORDS: &[(&str, &str, Role)] = &[
    // (singular, plural, role)
    ("journalist", "journalists", Role::Contributor),
    ("business writer", "business writers", Role::Contributor),
    ("science writer", "science writers", Role::Contributor),
    ("political writer", "political writers", Role::Contributor),
    ("video journalist", "video journalists", Role::Videographer),
    ("videojournalist", "videojournalists", Role::Videographer),
    ("photographer", "photographers", Role::Photographer),
    ("news researcher", "news researchers", Role::Researcher),
    ("researcher", "researchers", Role::Researcher),
    ("editor", "editors", Role::Editor),
    ("sports writer", "sports writers", Role::Contributor),
    ("staff writer", "staff writers", Role::Contributor),
    ("writer", "writers", Role::Contributor),
    ("reporter", "reporters", Role::Contributor),
    ("correspondent", "correspondents", Role::Contributor),
];

/// "X reported from Y": the tag-line phrase for a byline author who worked
/// away from the dateline.
pub const REPORTED_FROM: &str = "reported from";

/// What ends a contributor sentence, longest first.
pub const CONTRIBUTED: &[&str] = &[
    "contributed reporting to this report",
    "contributed reporting to this story",
    "contributed to this report",
    "contributed to this story",
    "contributed reporting",
    "contributed",
];

/// Abbreviations after which a full stop does not end a tag-line sentence
/// ("Carlos Ruiz Jr. in Madrid", "the U.S. Capitol").
pub const ABBREVIATIONS: &[&str] = &[
    "Jr", "Sr", "St", "Mt", "Ft", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Mr", "Mrs", "Ms", "U.S",
    "U.N", "U.K",
];

/// Reuters-style clauses, "Reporting by A in B; Editing by C".
pub const BY_CLAUSES: &[(&str, Role)] = &[
    ("additional reporting by", Role::Contributor),
    ("reporting by", Role::Author),
    ("writing by", Role::Author),
    ("editing by", Role::Editor),
    ("photos by", Role::Photographer),
    ("contributing:", Role::Contributor),
];

/// Prepositions between a name and a place in a tag line.
pub const PLACE_PREPOSITIONS: &[&str] = &["in", "at"];

/// Places rendered with "at" rather than "in" ("at the United Nations").
pub const AT_PLACES: &[&str] = &[
    "the United Nations",
    "the White House",
    "the Pentagon",
    "the Capitol",
    "the Vatican",
    "the State Department",
    "the Supreme Court",
];

/// Place names that contain " and " and must not be split there.
pub const PLACES_WITH_AND: &[&str] = &[
    "Trinidad and Tobago",
    "Bosnia and Herzegovina",
    "Antigua and Barbuda",
    "Saint Kitts and Nevis",
    "Sao Tome and Principe",
    "Turks and Caicos",
];

/// Lower-case words inside place names ("Port of Spain", "Trinidad and
/// Tobago", "Stratford-upon-Avon"); any other lower-case word means the
/// text is not a place.
pub const PLACE_SMALL_WORDS: &[&str] = &[
    "of", "and", "the", "de", "la", "el", "del", "on", "upon", "am", "an", "der", "du", "sur",
];

/// Second parts of "City, Country" places: countries, U.S. states, regions.
/// A list item that is one of these continues the place before it rather
/// than naming a person ("Dubai, United Arab Emirates").
pub const REGIONS: &[&str] = &[
    // countries
    "Afghanistan",
    "Albania",
    "Algeria",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahrain",
    "Bangladesh",
    "Belarus",
    "Belgium",
    "Bolivia",
    "Bosnia",
    "Brazil",
    "Bulgaria",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Chile",
    "China",
    "Colombia",
    "Congo",
    "Costa Rica",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "Denmark",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "England",
    "Estonia",
    "Ethiopia",
    "Finland",
    "France",
    "Gaza Strip",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Guatemala",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kosovo",
    "Kuwait",
    "Latvia",
    "Lebanon",
    "Libya",
    "Lithuania",
    "Luxembourg",
    "Malaysia",
    "Mali",
    "Mexico",
    "Moldova",
    "Mongolia",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "Northern Ireland",
    "Norway",
    "Oman",
    "Pakistan",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Saudi Arabia",
    "Scotland",
    "Senegal",
    "Serbia",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Somalia",
    "South Africa",
    "South Korea",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tanzania",
    "Thailand",
    "Tunisia",
    "Turkey",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "Uruguay",
    "Uzbekistan",
    "Venezuela",
    "Vietnam",
    "Wales",
    "West Bank",
    "Yemen",
    "Zambia",
    "Zimbabwe",
    // U.S. states and AP state abbreviations are both common
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "D.C.",
    "Puerto Rico",
    // Canadian provinces
    "Alberta",
    "British Columbia",
    "Manitoba",
    "Nova Scotia",
    "Ontario",
    "Quebec",
    "Saskatchewan",
];

/// Agencies written before the photographer in a photo credit
/// ("AP Photo/Evan Vucci", "REUTERS/Evelyn Hockstein").
pub const PHOTO_AGENCY_FIRST: &[&str] = &["AP Photo", "REUTERS", "Reuters", "AFP Photo", "EPA"];

/// Marks a file (archive) photo at the end of a credit: "(AP Photo/Evan Vucci, File)".
pub const PHOTO_FILE: &str = "File";

/// Photo credits from these sources are printed in parentheses, AP style.
pub const PHOTO_IN_PARENS: &[&str] = &["AP Photo"];

/// Lead-ins before a photographer's name that carry no data.
pub const PHOTO_LEAD_INS: &[&str] = &["Photo by ", "Photograph by ", "Photos by ", "Photo: "];

/// Words a source of a photo credit may contain, so a bare "Name, Outlet"
/// pair without "/" or "via" is still recognised as a credit.
pub const PHOTO_SOURCE_WORDS: &[&str] = &[
    "Photo",
    "Pool",
    "Getty Images",
    "AP",
    "Reuters",
    "REUTERS",
    "AFP",
    "EPA",
    "Handout",
    "Sputnik",
];

/// Lower-case words a photo credit may hold besides [`NAME_PARTICLES`]
/// ("Jane Doe/The Houston Chronicle via AP"); any other lower-case word
/// makes the line a sentence, not a credit.
pub const PHOTO_CREDIT_SMALL_WORDS: &[&str] = &["via", "of", "the", "and", "for", "by"];

/// Name particles: lower-case words that may stand inside a name ("Ludwig
/// van Beethoven", "Pieter van den Berg", "Ahmed ibn Said"). Credits parse
/// and case names with them; compare's alerts keep a name whole across them.
pub const NAME_PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "ibn", "al", "el", "y",
    "dos", "das",
];

/// Name suffixes, as we write them; matched without regard to case, with or
/// without the full stop ("JR" and "JR." are both "Jr.").
pub const NAME_SUFFIXES: &[&str] = &["Jr.", "Sr.", "II", "III", "IV"];

/// Prefixes after which a capitalised name goes on with a capital:
/// "McDONALD" is "McDonald". ("O'" and hyphens need no entry: a letter after
/// an apostrophe or a hyphen is always capitalised.)
pub const NAME_CAP_PREFIXES: &[&str] = &["Mc"];

/// "Mac" names written with a capital after "Mac". Only these: "Mack",
/// "Macy" and "Machado" are names too, so "MAC…" in capitals is otherwise
/// written "Mac…" with the rest in lower case.
pub const MAC_NAMES: &[&str] = &[
    "MacArthur",
    "MacAulay",
    "MacDonald",
    "MacDougall",
    "MacGregor",
    "MacInnes",
    "MacIntyre",
    "MacKay",
    "MacKenzie",
    "MacKinnon",
    "MacLean",
    "MacLeod",
    "MacMillan",
    "MacNeil",
    "MacPherson",
];

/// Words that never appear in a person's name; a fragment containing one is
/// not a person.
pub const NOT_NAME_WORDS: &[&str] = &[
    "The",
    "Associated",
    "Press",
    "AP",
    "Reuters",
    "Journalists",
    "Journalist",
    "Writers",
    "Writer",
    "Contributed",
    "Reported",
    "From",
    "In",
    "At",
    "And",
    "With",
    "Staff",
    "Photo",
    "Editing",
    "Reporting",
    "United",
    "News",
    "Report",
    "This",
    "Images",
    "Getty",
    "Pool",
    "Kremlin",
    "Handout",
    "Courtesy",
    "Agency",
    "Photos",
    "Stringer",
];

/// Matches an organisation (case-insensitive) to the name we store.
pub fn canonical_org(s: &str) -> String {
    let t = s.trim();
    ORGANIZATIONS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(t))
        .map(|(_, v)| v.to_string())
        .unwrap_or_else(|| t.to_string())
}

/// The word we render for a role, plural or singular.
pub fn role_word(role: Role, plural: bool) -> &'static str {
    ROLE_WORDS
        .iter()
        .find(|(_, _, r)| *r == role)
        .map(|(s, p, _)| if plural { *p } else { *s })
        .unwrap_or(if plural { "journalists" } else { "journalist" })
}

/// The preposition we render before a place.
pub fn preposition_for(place: &str) -> &'static str {
    if AT_PLACES.iter().any(|p| p.eq_ignore_ascii_case(place)) {
        "at"
    } else {
        "in"
    }
}

pub fn is_region(s: &str) -> bool {
    let t = s.trim().trim_end_matches(',');
    REGIONS.iter().any(|r| r.eq_ignore_ascii_case(t))
        // AP state abbreviations: "Calif.", "N.Y.", "Ill."
        || (t.ends_with('.') && t.len() <= 6 && !t.contains(' '))
}
