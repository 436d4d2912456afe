//! [`Str`], the string type of the rule set: borrowed from the binary when the rule set
//! is the embedded default (decoded from bytes that live as long as the program, see
//! `embedded`), owned when it was read from a user's rule files.
//!
//! It reads like a `String` (`Deref<Target = str>`, `Display`, comparisons with `str`
//! and `String`) and serialises as a plain string, so reports and JSON do not see the
//! difference.

use std::borrow::{Borrow, Cow};
use std::cell::Cell;
use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

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
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

thread_local! {
    /// The bytes a rule set is being decoded from, when they live as long as the program
    /// (see [`borrowing_from`]); empty otherwise.
    static STATIC_INPUT: Cell<&'static [u8]> = const { Cell::new(&[]) };
}

/// Runs `decode` with `input` registered as static: every [`Str`] it deserialises from
/// a string that lies inside `input` borrows it instead of copying it. (A deserializer
/// lends strings for its own lifetime only; this is how a `'static` one is recognised
/// without `unsafe`: by address, then re-sliced from `input` itself.)
pub(crate) fn borrowing_from<T>(input: &'static [u8], decode: impl FnOnce() -> T) -> T {
    /// Restores the previous input even if `decode` unwinds.
    struct Restore(&'static [u8]);
    impl Drop for Restore {
        fn drop(&mut self) {
            STATIC_INPUT.set(self.0);
        }
    }
    let _restore = Restore(STATIC_INPUT.replace(input));
    decode()
}

/// `text` as a `&'static str` when it lies inside the registered static input.
fn static_slice(text: &str) -> Option<&'static str> {
    let input = STATIC_INPUT.get();
    let start = (text.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
    let bytes = input.get(start..start.checked_add(text.len())?)?;
    std::str::from_utf8(bytes).ok()
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;

        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Str, E> {
                Ok(static_slice(text).map_or_else(|| Str::from(text), Str::from_static))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Str, E> {
                Ok(Str::from(text))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Str, E> {
                Ok(Str::from(text))
            }
        }

        deserializer.deserialize_str(StrVisitor)
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
    fn borrows_only_from_the_registered_static_input() {
        static INPUT: &[u8] = b"\x05hello";
        let decoded: Str = borrowing_from(INPUT, || postcard::from_bytes(INPUT)).unwrap_or_default();
        assert_eq!(decoded, "hello");
        assert!(is_borrowed(&decoded), "a string inside the static input is borrowed");

        let elsewhere = INPUT.to_vec();
        let copied: Str = borrowing_from(INPUT, || postcard::from_bytes(&elsewhere)).unwrap_or_default();
        assert_eq!(copied, "hello");
        assert!(!is_borrowed(&copied), "a string from other bytes is copied");

        let outside: Str = postcard::from_bytes(INPUT).unwrap_or_default();
        assert!(!is_borrowed(&outside), "nothing is borrowed outside `borrowing_from`");
    }
}
