//! One page of a list answer (`{"total", "<items>": [...]}`) and the id accessor the cursor walk
//! needs.

use serde::Deserialize;

/// One page of results. `total` is what the server counted (capped at 5000 by Appwrite; 0 when
/// the list was asked with `total=false`).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// Matching items on the server, as counted by it.
    pub total: u64,
    /// This page's items.
    pub items: Vec<T>,
}

impl<T> Page<T> {
    /// The id of the last item, the cursor for the next page.
    pub fn last_id(&self) -> Option<&str>
    where
        T: HasId,
    {
        self.items.last().map(HasId::id)
    }
}

/// Things with an Appwrite `$id`.
pub trait HasId {
    /// The `$id`.
    fn id(&self) -> &str;
}

/// The wire shape of every list answer; the item array is named after the resource.
#[derive(Deserialize)]
pub(crate) struct RawList<T> {
    #[serde(default)]
    total: u64,
    #[serde(alias = "buckets", alias = "files", alias = "tokens")]
    items: Vec<T>,
}

impl<T> From<RawList<T>> for Page<T> {
    fn from(raw: RawList<T>) -> Self {
        Page {
            total: raw.total,
            items: raw.items,
        }
    }
}
