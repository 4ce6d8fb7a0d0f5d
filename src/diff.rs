//! Comparing two revisions. (Lands with issue 3.)
