//! The newsroom workflow: which status a story may move to from where, and
//! what an edit of a published story needs.
//!
//! A story normally walks draft → editing → copy edit → ready → published.
//! Any live story can be withheld (held back, e.g. for legal) or killed
//! (dropped); a withheld story goes back into the flow where the desk wants
//! it, and a killed one can only be revived as a draft. A published story is
//! never unpublished by a status change: it is corrected (an edit with a
//! correction note), withheld or killed.
//!
//! Changing a rule is a one-line change in [`NEXT`]; the tests below read it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::Status;

use Status::*;

/// Where each status may go next (besides staying where it is).
const NEXT: &[(Status, &[Status])] = &[
    (Draft, &[Editing, Withheld, Killed]),
    (Editing, &[Draft, Copyedit, Withheld, Killed]),
    (Copyedit, &[Editing, Ready, Withheld, Killed]),
    (Ready, &[Copyedit, Published, Withheld, Killed]),
    (Published, &[Withheld, Killed]),
    (Withheld, &[Draft, Editing, Copyedit, Ready, Published, Killed]),
    (Killed, &[Draft]),
];

/// How a status is named in the app.
const LABELS: &[(Status, &str)] = &[
    (Draft, "Draft"),
    (Editing, "Editing"),
    (Copyedit, "Copy edit"),
    (Ready, "Ready"),
    (Published, "Published"),
    (Withheld, "Withheld"),
    (Killed, "Killed"),
];

/// A status with its name and where it may go, for the UI's pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusInfo {
    pub status: Status,
    pub label: String,
    pub next: Vec<Status>,
    /// An edit of a story in this status needs a correction note
    /// ([`edit_needs_correction_note`]): the UI asks for one before saving
    /// rather than restating the rule.
    pub correction_note: bool,
}

/// The statuses `from` may move to.
pub fn next(from: Status) -> &'static [Status] {
    NEXT.iter().find(|(s, _)| *s == from).map_or(&[], |(_, n)| n)
}

pub fn label(s: Status) -> &'static str {
    LABELS.iter().find(|(st, _)| *st == s).map_or(s.as_str(), |(_, l)| l)
}

/// Every status, in workflow order, with its label and next steps.
pub fn statuses() -> Vec<StatusInfo> {
    Status::ALL
        .iter()
        .map(|&s| StatusInfo {
            status: s,
            label: label(s).to_string(),
            next: next(s).to_vec(),
            correction_note: edit_needs_correction_note(s),
        })
        .collect()
}

/// Refuses a move the workflow does not allow, saying where the story can go.
pub fn check_move(from: Status, to: Status) -> Result<()> {
    if from == to || next(from).contains(&to) {
        return Ok(());
    }
    let options: Vec<&str> = next(from).iter().map(|&s| label(s)).collect();
    Err(Error::Workflow {
        from: label(from).to_string(),
        to: label(to).to_string(),
        options: options.join(", "),
    })
}

/// An edit of a story in this status is a correction and needs a note saying
/// what was corrected: readers have already seen the story.
pub fn edit_needs_correction_note(current: Status) -> bool {
    current == Published
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_a_row_and_a_label() {
        for s in Status::ALL {
            assert!(NEXT.iter().any(|(st, _)| *st == s), "{s:?} has no workflow row");
            assert_ne!(label(s), s.as_str(), "{s:?} has no label");
        }
    }

    #[test]
    fn the_normal_path_is_allowed_step_by_step() {
        let path = [Draft, Editing, Copyedit, Ready, Published];
        for w in path.windows(2) {
            check_move(w[0], w[1]).unwrap();
        }
    }

    #[test]
    fn skipping_steps_or_unpublishing_is_refused_with_the_options() {
        let e = check_move(Draft, Published).unwrap_err().to_string();
        assert!(
            e.contains("Draft") && e.contains("Published") && e.contains("Editing, Withheld, Killed"),
            "{e}"
        );
        for (from, to) in [(Published, Draft), (Killed, Published)] {
            let e = check_move(from, to).unwrap_err();
            assert!(matches!(e, Error::Workflow { .. }), "{from:?} → {to:?}: {e:?}");
        }
    }

    #[test]
    fn any_live_story_can_be_withheld_or_killed_and_revived() {
        for s in [Draft, Editing, Copyedit, Ready, Published] {
            check_move(s, Withheld).unwrap();
            check_move(s, Killed).unwrap();
        }
        check_move(Killed, Draft).unwrap();
        check_move(Withheld, Ready).unwrap();
    }

    #[test]
    fn staying_put_is_always_allowed() {
        for s in Status::ALL {
            check_move(s, s).unwrap();
        }
    }

    #[test]
    fn only_published_stories_need_a_correction_note() {
        assert!(edit_needs_correction_note(Published));
        assert!(Status::ALL.iter().filter(|&&s| edit_needs_correction_note(s)).count() == 1);
    }

    #[test]
    fn the_ui_is_told_which_statuses_need_a_correction_note() {
        let needs: Vec<Status> = statuses()
            .into_iter()
            .filter(|i| i.correction_note)
            .map(|i| i.status)
            .collect();
        assert_eq!(needs, vec![Published]);
    }
}
