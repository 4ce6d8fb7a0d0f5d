//! Saving and restoring revisions. (Filled in below.)
