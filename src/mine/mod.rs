//! Mining: classify the paragraphs of a corpus, cut them into reusable units, generalise them into
//! slotted phrases, drop the defective, and write the phrase bank.

pub mod generalise;
