//! SQLite storage.
pub struct Store;
