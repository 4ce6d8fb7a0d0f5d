//! Bylines, tag lines and photo credits: parsed from pasted text into
//! `Credit`s and `Photo`s, and rendered back in AP style.
//! (Placeholder signatures; the real parser and renderer land with issue 4.)

use crate::model::{Credit, Photo};

/// "By NAME and NAME" for the story's authors; empty when it has none.
pub fn render_byline(credits: &[Credit]) -> String {
    let authors: Vec<&str> = credits
        .iter()
        .filter(|c| c.role == crate::model::Role::Author)
        .map(|c| c.name.as_str())
        .collect();
    if authors.is_empty() {
        String::new()
    } else {
        format!("By {}", authors.join(" and "))
    }
}

/// The contributor tag line that closes the story; empty when there is none.
pub fn render_tagline(_credits: &[Credit]) -> String {
    String::new()
}

/// The credit line of one photo.
pub fn render_photo_credit(photo: &Photo) -> String {
    photo.credit.clone()
}
