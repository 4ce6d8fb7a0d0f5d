//! Exports of a revision. (Lands with issue 4.)
