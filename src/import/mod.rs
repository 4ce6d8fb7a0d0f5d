//! Raw pasted stories into structured drafts. (Lands with issue 4.)
