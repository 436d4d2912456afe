//! [`ByRegion`], prices by Region id: a sorted list rather than a `BTreeMap`, because a
//! rule set holds about two thousand of these small maps (the EC2 catalogue, one per
//! type) and decoding the embedded defaults built each one node by node.

use serde::{Deserialize, Deserializer, Serialize};

use crate::model::Str;

/// Values by Region id, in id order, each id once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByRegion<T>(Vec<(Str, T)>);

impl<T> Default for ByRegion<T> {
    fn default() -> Self {
        ByRegion(Vec::new())
    }
}

impl<T> ByRegion<T> {
    fn position(&self, region: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(id, _)| id.as_str().cmp(region))
    }

    /// The value for a Region.
    pub fn get(&self, region: &str) -> Option<&T> {
        self.position(region).ok().map(|i| &self.0[i].1)
    }

    /// Whether a Region has a value.
    pub fn contains_key(&self, region: &str) -> bool {
        self.position(region).is_ok()
    }

    /// Sets the value of a Region, replacing any.
    pub fn insert(&mut self, region: Str, value: T) {
        match self.position(&region) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (region, value)),
        }
    }

    /// Every Region and its value, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&Str, &T)> {
        self.0.iter().map(|(id, value)| (id, value))
    }

    /// Keeps the Regions `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&Str, &mut T) -> bool) {
        self.0.retain_mut(|(id, value)| keep(id, value));
    }

    /// The number of Regions.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no Region has a value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> Extend<(Str, T)> for ByRegion<T> {
    fn extend<I: IntoIterator<Item = (Str, T)>>(&mut self, values: I) {
        for (region, value) in values {
            self.insert(region, value);
        }
    }
}

impl<T> FromIterator<(Str, T)> for ByRegion<T> {
    fn from_iter<I: IntoIterator<Item = (Str, T)>>(values: I) -> Self {
        let mut map = ByRegion::default();
        map.extend(values);
        map
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ByRegion<T> {
    /// The list as written; put back in order (keeping the last value of an id) if it
    /// was not, so lookups stay right whatever the input.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let list = Vec::<(Str, T)>::deserialize(deserializer)?;
        if list.windows(2).all(|w| w[0].0 < w[1].0) { Ok(ByRegion(list)) } else { Ok(list.into_iter().collect()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_sorted_map() {
        let mut map: ByRegion<u32> = [("us-west-2", 2), ("ap-northeast-1", 1), ("us-east-1", 3)]
            .map(|(r, v)| (Str::from(r), v))
            .into_iter()
            .collect();
        map.insert("us-west-2".into(), 4);
        assert_eq!(map.len(), 3);
        assert_eq!(map.get("us-west-2"), Some(&4));
        assert_eq!(map.get("eu-west-1"), None);
        assert!(map.contains_key("ap-northeast-1"));
        let ids: Vec<&str> = map.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["ap-northeast-1", "us-east-1", "us-west-2"]);
        map.retain(|id, _| id.starts_with("us-"));
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn decoding_puts_an_unordered_list_back_in_order() {
        let bytes = postcard::to_allocvec(&vec![("b", 1_u32), ("a", 2), ("b", 3)]).unwrap_or_else(|e| panic!("{e}"));
        let map: ByRegion<u32> = postcard::from_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(map.iter().map(|(id, v)| (id.as_str(), *v)).collect::<Vec<_>>(), [("a", 2), ("b", 3)]);
    }
}
