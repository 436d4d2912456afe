//! [`Str`], the string type of the rule set: borrowed from the binary when the rule set
//! is the embedded default (its texts are a string table in the binary, see
//! `embedded`), owned when it was read from a user's rule files.
//!
//! It reads like a `String` (`Deref<Target = str>`, `Display`, comparisons with `str`
//! and `String`) and serialises as a plain string, so reports and JSON do not see the
//! difference.

use std::borrow::{Borrow, Cow};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer, ser};

/// A string of the rule set: a copy of nothing when it comes from the embedded
/// defaults, an owned `String` otherwise.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Str(Cow<'static, str>);

impl Str {
    /// A string that lives as long as the program, without a copy.
    pub const fn from_static(text: &'static str) -> Self {
        Str(Cow::Borrowed(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Str {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<String> for Str {
    fn from(text: String) -> Self {
        Str(Cow::Owned(text))
    }
}

impl From<&str> for Str {
    /// A copy of `text` (use [`Str::from_static`] to borrow a `&'static str`).
    fn from(text: &str) -> Self {
        Str(Cow::Owned(text.to_owned()))
    }
}

impl From<Str> for String {
    fn from(text: Str) -> Self {
        text.0.into_owned()
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        **self == *other.0
    }
}

impl Serialize for Str {
    /// A plain string, except in a binary form written inside [`writing_table`]: there
    /// the text goes to the table and the form holds its `(offset, length)`, two varints
    /// (cheaper to read than one number holding both, which needs more bytes).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable()
            && let Some(at) = WRITING.with_borrow_mut(|table| table.as_mut().map(|t| t.intern(&self.0)))
        {
            return match at {
                Some(at) => at.serialize(serializer),
                None => Err(ser::Error::custom("a string table holds at most 4 GiB of text")),
            };
        }
        serializer.serialize_str(&self.0)
    }
}

/// The texts of a rule set in its binary form, each once, and where each starts.
#[derive(Default)]
struct TableWriter {
    text: String,
    at: HashMap<String, (u32, u32)>,
}

impl TableWriter {
    /// Where `text` is in the table, adding it the first time; `None` for a text too
    /// long to say where.
    fn intern(&mut self, text: &str) -> Option<(u32, u32)> {
        if let Some(&at) = self.at.get(text) {
            return Some(at);
        }
        let at = (u32::try_from(self.text.len()).ok()?, u32::try_from(text.len()).ok()?);
        self.text.push_str(text);
        self.at.insert(text.to_owned(), at);
        Some(at)
    }
}

thread_local! {
    /// The string table being written (see [`writing_table`]).
    static WRITING: RefCell<Option<TableWriter>> = const { RefCell::new(None) };
    /// The string table being read (see [`reading_table`]): text that lives as long as
    /// the program.
    static READING: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// Runs `encode` with a string table: every [`Str`] it serialises in a binary format is
/// written as `(offset, length)` into the table, each distinct text once. Returns what
/// `encode` returned and the table.
pub(crate) fn writing_table<T>(encode: impl FnOnce() -> T) -> (T, String) {
    let previous = WRITING.replace(Some(TableWriter::default()));
    let result = encode();
    let table = WRITING.replace(previous).map(|t| t.text).unwrap_or_default();
    (result, table)
}

/// Runs `decode` with `table` as the string table: every [`Str`] it deserialises from a
/// binary format is read as `(offset, length)` and borrows its text from `table`, with
/// neither a copy nor a second UTF-8 check (the table is a `str`).
pub(crate) fn reading_table<T>(table: &'static str, decode: impl FnOnce() -> T) -> T {
    /// Restores the previous table even if `decode` unwinds.
    struct Restore(Option<&'static str>);
    impl Drop for Restore {
        fn drop(&mut self) {
            READING.set(self.0);
        }
    }
    let _restore = Restore(READING.replace(Some(table)));
    decode()
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;

        impl Visitor<'_> for StrVisitor {
            type Value = Str;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Str, E> {
                Ok(Str::from(text))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Str, E> {
                Ok(Str::from(text))
            }
        }

        match READING.get() {
            Some(table) if !deserializer.is_human_readable() => {
                let (offset, len) = <(u32, u32)>::deserialize(deserializer)?;
                let (offset, len) = (offset as usize, len as usize);
                offset
                    .checked_add(len)
                    .and_then(|end| table.get(offset..end))
                    .map(Str::from_static)
                    .ok_or_else(|| de::Error::custom("a string outside the string table"))
            }
            _ => deserializer.deserialize_str(StrVisitor),
        }
    }
}

impl schemars::JsonSchema for Str {
    fn inline_schema() -> bool {
        <String as schemars::JsonSchema>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        <String as schemars::JsonSchema>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <String as schemars::JsonSchema>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <String as schemars::JsonSchema>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` borrows (no copy) rather than owns.
    fn is_borrowed(text: &Str) -> bool {
        matches!(text.0, Cow::Borrowed(_))
    }

    #[test]
    fn reads_and_compares_like_a_string() {
        let owned = Str::from("ecs-ec2".to_owned());
        let borrowed = Str::from_static("ecs-ec2");
        assert_eq!(owned, borrowed);
        assert_eq!(owned, "ecs-ec2");
        assert_eq!("ecs-ec2", borrowed);
        assert_eq!(format!("{owned} {borrowed:?}"), "ecs-ec2 \"ecs-ec2\"");
        let (a, b) = (Str::from("a"), Str::from_static("b"));
        assert!(a < b);
        let map = std::collections::BTreeMap::from([(owned, 1)]);
        assert_eq!(map.get("ecs-ec2"), Some(&1));
    }

    #[test]
    fn serialises_as_a_plain_string() {
        assert_eq!(serde_json::to_string(&Str::from_static("a\"b")).ok().as_deref(), Some(r#""a\"b""#));
    }

    #[test]
    fn a_binary_form_keeps_each_text_once_in_the_table_and_borrows_it_back() {
        let texts = vec![Str::from("ecs"), Str::from("日本語"), Str::from("ecs")];
        let (bytes, table) = writing_table(|| postcard::to_allocvec(&texts));
        let bytes: &'static [u8] = bytes.unwrap_or_default().leak();
        assert_eq!(table, "ecs日本語", "each distinct text once");
        let table: &'static str = table.leak();
        let decoded: Vec<Str> = reading_table(table, || postcard::from_bytes(bytes)).unwrap_or_default();
        assert_eq!(decoded, texts);
        assert!(decoded.iter().all(is_borrowed), "every text borrows the table");
    }

    #[test]
    fn outside_the_table_a_binary_form_holds_the_text_itself() {
        let bytes = postcard::to_allocvec(&Str::from("hello")).unwrap_or_default();
        assert_eq!(bytes, b"\x05hello");
        let decoded: Str = postcard::from_bytes(&bytes).unwrap_or_default();
        assert_eq!(decoded, "hello");
        assert!(!is_borrowed(&decoded));
    }

    #[test]
    fn a_position_outside_the_table_is_an_error() {
        let bytes = postcard::to_allocvec(&(4_u32, 9_u32)).unwrap_or_default();
        let decoded: Result<Str, _> = reading_table("abc", || postcard::from_bytes(&bytes));
        assert!(decoded.is_err());
        let inside_a_character = postcard::to_allocvec(&(1_u32, 1_u32)).unwrap_or_default();
        let decoded: Result<Str, _> = reading_table("語", || postcard::from_bytes(&inside_a_character));
        assert!(decoded.is_err(), "a range that splits a character is refused");
    }
}
