//! Bylines, tag lines and photo credits: parsed from pasted text into
//! `Credit`s and `Photo`s, and rendered back in AP style.
//!
//! ```
//! use copydesk::credits::{parse_tagline, render_tagline};
//! let credits = parse_tagline(
//!     "Litvinova reported from Tallinn, Estonia. Associated Press journalist Jim Heintz in Kyiv, Ukraine, contributed.",
//! );
//! assert_eq!(credits[0].name, "Litvinova");
//! assert_eq!(credits[1].location.as_deref(), Some("Kyiv, Ukraine"));
//! assert_eq!(parse_tagline(&render_tagline(&credits)), credits);
//! ```
//!
//! The phrasings (role words, "reported from", organisations, photo credit
//! shapes) are tables in [`phrasings`]. Parsing never invents a person: a
//! fragment that does not read as a name is skipped.
//!
//! One file a part: `names` (is it a name, its casing, surnames), `byline`,
//! `tagline`, `photos` (photo credit lines) and `checks`.

mod byline;
mod checks;
mod names;
mod photos;
pub mod phrasings;
mod tagline;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::StoryContent;
pub use byline::{parse_byline, parse_byline_with_org, render_byline};
pub use checks::{check, CreditWarning};
pub use names::{credit_once, ends_with_dotted_suffix, is_plausible_name, is_surname_of, title_case_name};
pub use photos::{parse_photo_credit, render_photo_credit};
pub use tagline::{is_plausible_place, parse_tagline, render_tagline};

#[cfg(test)]
mod tests;

/// The credits of a story as they will print, with what the editor should
/// check: what the credits panel shows live while the editor types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreditPreview {
    pub byline: String,
    pub tagline: String,
    /// One rendered credit per photo, in order.
    pub photo_credits: Vec<String>,
    pub warnings: Vec<CreditWarning>,
}

/// Renders a story's credits in AP style and checks them.
pub fn preview(content: &StoryContent) -> CreditPreview {
    CreditPreview {
        byline: render_byline(&content.credits),
        tagline: render_tagline(&content.credits),
        photo_credits: content.photos.iter().map(render_photo_credit).collect(),
        warnings: check(content),
    }
}

/// Re-renders each photo's printed credit from its structured fields, so an
/// edit to the photographer or sources is what prints.
pub fn refresh_photo_credits(content: &mut StoryContent) {
    for p in &mut content.photos {
        p.credit = render_photo_credit(p);
    }
}
