//! What the benchmarks share: a small deterministic generator (xorshift)
//! for their generated stories, so every run measures the same text. It
//! lives in the core (`copydesk::generate`), which also makes the generated
//! desk of the list benchmark and the scale tests.

pub use copydesk::generate::Rng;
