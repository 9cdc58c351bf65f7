//! A short text that many directives and log entries share (a unit's id, an author, an
//! issuer): one allocation per distinct value when loaded from the cache, where a `String`
//! would take one per use.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Shared, immutable text; compares, hashes, orders and prints as its `str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The same value as an earlier one on this thread, when there was one.
    pub fn shared(s: &str) -> Name {
        // Bounded, so that a long session that sees ever new names does not keep them all.
        const MAX: usize = 4096;
        INTERNED.with(|set| {
            let mut set = set.borrow_mut();
            if let Some(n) = set.get(s) {
                return n.clone();
            }
            if set.len() >= MAX {
                set.clear();
            }
            let n = Name::from(s);
            set.insert(n.clone());
            n
        })
    }
}

thread_local! {
    static INTERNED: RefCell<HashSet<Name>> = RefCell::new(HashSet::new());
}

impl Default for Name {
    fn default() -> Name {
        Name::from("")
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(Arc::from(s))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(Arc::from(s))
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Name {
        Name(Arc::from(s.as_str()))
    }
}

impl From<Name> for String {
    fn from(n: Name) -> String {
        n.0.to_string()
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

/// Written as a string: the same bytes as a `String` in the cache.
impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Name, E> {
                Ok(Name::shared(s))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_comes_back_from_the_cache_shared_and_equal() {
        let names = vec![
            Name::from("dv-01"),
            Name::from("Nguyễn Văn A"),
            Name::from("dv-01"),
        ];
        let bytes = postcard::to_allocvec(&names).unwrap();
        // The same bytes as the strings themselves.
        let strings: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        assert_eq!(bytes, postcard::to_allocvec(&strings).unwrap());
        let back: Vec<Name> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, names);
        assert!(Arc::ptr_eq(&back[0].0, &back[2].0));
        assert!(!Arc::ptr_eq(&back[0].0, &back[1].0));
    }
}
