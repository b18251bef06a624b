//! Appwrite list queries (`{"method":"limit","values":[25]}` ...) and list options, sent as
//! `queries[0]=..&queries[1]=..`.

use serde::Serialize;
use serde_json::Value;

/// The file attribute holding a file's virtual folder (newest servers).
pub const FOLDER_ATTRIBUTE: &str = "folder";

/// One Appwrite query. Build it with the constructors (`Query::limit(25)`, `Query::equal("name",
/// "a.png")`, ...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Query {
    method: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribute: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<Vec<Value>>,
}

/// One value or a list of values (`equal("name", ["a", "b"])` matches either).
fn into_values(value: impl Into<Value>) -> Vec<Value> {
    match value.into() {
        Value::Array(items) => items,
        other => vec![other],
    }
}

impl Query {
    fn new(method: &'static str, attribute: Option<String>, values: Option<Vec<Value>>) -> Self {
        Self {
            method,
            attribute,
            values,
        }
    }

    fn filter(method: &'static str, attribute: impl Into<String>, values: Vec<Value>) -> Self {
        Self::new(method, Some(attribute.into()), Some(values))
    }

    /// At most `n` results (server default 25, minimum 1).
    pub fn limit(n: u64) -> Self {
        Self::new("limit", None, Some(vec![n.into()]))
    }

    /// Skip the first `n` results.
    pub fn offset(n: u64) -> Self {
        Self::new("offset", None, Some(vec![n.into()]))
    }

    /// Results after the document with this id.
    pub fn cursor_after(id: impl Into<String>) -> Self {
        Self::new("cursorAfter", None, Some(vec![Value::String(id.into())]))
    }

    /// Results before the document with this id.
    pub fn cursor_before(id: impl Into<String>) -> Self {
        Self::new("cursorBefore", None, Some(vec![Value::String(id.into())]))
    }

    /// Ascending order by an attribute.
    pub fn order_asc(attribute: impl Into<String>) -> Self {
        Self::new("orderAsc", Some(attribute.into()), None)
    }

    /// Descending order by an attribute.
    pub fn order_desc(attribute: impl Into<String>) -> Self {
        Self::new("orderDesc", Some(attribute.into()), None)
    }

    /// Attribute equals the value (or any of the values, given an array).
    pub fn equal(attribute: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::filter("equal", attribute, into_values(value))
    }

    /// Attribute differs from the value(s).
    pub fn not_equal(attribute: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::filter("notEqual", attribute, into_values(value))
    }

    /// Attribute `<` value.
    pub fn less_than(attribute: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::filter("lessThan", attribute, into_values(value))
    }

    /// Attribute `<=` value.
    pub fn less_than_equal(attribute: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::filter("lessThanEqual", attribute, into_values(value))
    }

    /// Attribute `>` value.
    pub fn greater_than(attribute: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::filter("greaterThan", attribute, into_values(value))
    }

    /// Attribute `>=` value.
    pub fn greater_than_equal(attribute: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::filter("greaterThanEqual", attribute, into_values(value))
    }

    /// Full-text search on an attribute.
    pub fn search(attribute: impl Into<String>, text: impl Into<String>) -> Self {
        Self::filter("search", attribute, vec![Value::String(text.into())])
    }

    /// Attribute is null.
    pub fn is_null(attribute: impl Into<String>) -> Self {
        Self::new("isNull", Some(attribute.into()), None)
    }

    /// Attribute is not null.
    pub fn is_not_null(attribute: impl Into<String>) -> Self {
        Self::new("isNotNull", Some(attribute.into()), None)
    }

    /// `start <= attribute <= end`.
    pub fn between(
        attribute: impl Into<String>,
        start: impl Into<Value>,
        end: impl Into<Value>,
    ) -> Self {
        Self::filter("between", attribute, vec![start.into(), end.into()])
    }

    /// Attribute starts with the text.
    pub fn starts_with(attribute: impl Into<String>, text: impl Into<String>) -> Self {
        Self::filter("startsWith", attribute, vec![Value::String(text.into())])
    }

    /// Attribute ends with the text.
    pub fn ends_with(attribute: impl Into<String>, text: impl Into<String>) -> Self {
        Self::filter("endsWith", attribute, vec![Value::String(text.into())])
    }

    /// Only these attributes in each answered document (`select`): a list that needs one field
    /// of many files reads a fraction of the bytes. Servers may add their own (`$id`, ...).
    pub fn select<S: Into<String>>(attributes: impl IntoIterator<Item = S>) -> Self {
        let values = attributes
            .into_iter()
            .map(|a| Value::String(a.into()))
            .collect();
        Self::new("select", None, Some(values))
    }

    /// Files directly in this folder (`equal("folder", [folder])`; `""` is the bucket root).
    /// Newest servers only: 1.8.1 refuses it ([`crate::Error::unknown_attribute`]).
    pub fn in_folder(folder: impl Into<String>) -> Self {
        Self::filter(
            "equal",
            FOLDER_ATTRIBUTE,
            vec![Value::String(folder.into())],
        )
    }

    /// Files in this folder or any folder below it (`startsWith("folder", folder)`). Newest
    /// servers only.
    pub fn under_folder(folder: impl Into<String>) -> Self {
        Self::starts_with(FOLDER_ATTRIBUTE, folder)
    }

    /// Files anywhere but directly in this folder (`notEqual("folder", [folder])`;
    /// `not_in_folder("")`: every file in some folder). Newest servers only.
    pub fn not_in_folder(folder: impl Into<String>) -> Self {
        Self::filter(
            "notEqual",
            FOLDER_ATTRIBUTE,
            vec![Value::String(folder.into())],
        )
    }

    /// The query's method name (`limit`, `cursorAfter`, `equal`, ...).
    pub fn method(&self) -> &str {
        self.method
    }

    /// The JSON string Appwrite expects in `queries[]`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a query always serializes")
    }

    /// Whether this query is about paging (limit, offset or a cursor).
    pub(crate) fn is_paging(&self) -> bool {
        matches!(
            self.method,
            "limit" | "offset" | "cursorAfter" | "cursorBefore"
        )
    }
}

/// Options of a list call: queries, `search`, and whether the server should count (`total`).
#[derive(Debug, Clone, PartialEq)]
pub struct ListOptions {
    /// Queries, sent in this order.
    pub queries: Vec<Query>,
    /// Free-text search (max 256 characters on the server).
    pub search: Option<String>,
    /// Ask for a total count. `false` sends `total=0` and the page's total is 0.
    pub total: bool,
}

impl Default for ListOptions {
    fn default() -> Self {
        Self {
            queries: Vec::new(),
            search: None,
            total: true,
        }
    }
}

impl ListOptions {
    /// No queries, no search, with a total.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a query.
    pub fn query(mut self, query: Query) -> Self {
        self.queries.push(query);
        self
    }

    /// Adds `limit`.
    pub fn limit(self, n: u64) -> Self {
        self.query(Query::limit(n))
    }

    /// Adds `offset`.
    pub fn offset(self, n: u64) -> Self {
        self.query(Query::offset(n))
    }

    /// Adds `cursorAfter`.
    pub fn cursor_after(self, id: impl Into<String>) -> Self {
        self.query(Query::cursor_after(id))
    }

    /// Sets the free-text search.
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }

    /// Whether to count the total (`false` sends `total=0`).
    pub fn total(mut self, total: bool) -> Self {
        self.total = total;
        self
    }

    /// The query-string pairs: `queries[i]`, then `search`, then `total=0` when not counting.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = self
            .queries
            .iter()
            .enumerate()
            .map(|(i, q)| (format!("queries[{i}]"), q.to_json()))
            .collect();
        if let Some(search) = &self.search {
            pairs.push(("search".to_owned(), search.clone()));
        }
        if !self.total {
            pairs.push(("total".to_owned(), "0".to_owned()));
        }
        pairs
    }

    /// These options without paging queries, then `limit(page_size)` and `cursorAfter(cursor)`.
    pub(crate) fn page_after(&self, page_size: u64, cursor: Option<&str>) -> Self {
        let mut queries: Vec<Query> = self
            .queries
            .iter()
            .filter(|q| !q.is_paging())
            .cloned()
            .collect();
        queries.push(Query::limit(page_size));
        if let Some(id) = cursor {
            queries.push(Query::cursor_after(id));
        }
        Self {
            queries,
            search: self.search.clone(),
            total: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_queries_serialize_like_the_sdks() {
        assert_eq!(
            Query::limit(25).to_json(),
            r#"{"method":"limit","values":[25]}"#
        );
        assert_eq!(
            Query::offset(50).to_json(),
            r#"{"method":"offset","values":[50]}"#
        );
        assert_eq!(
            Query::cursor_after("abc").to_json(),
            r#"{"method":"cursorAfter","values":["abc"]}"#
        );
        assert_eq!(
            Query::cursor_before("abc").to_json(),
            r#"{"method":"cursorBefore","values":["abc"]}"#
        );
        assert_eq!(
            Query::order_asc("name").to_json(),
            r#"{"method":"orderAsc","attribute":"name"}"#
        );
        assert_eq!(
            Query::order_desc("$createdAt").to_json(),
            r#"{"method":"orderDesc","attribute":"$createdAt"}"#
        );
    }

    #[test]
    fn filters_serialize_with_attribute_and_values() {
        let cases = [
            (
                Query::equal("name", "a.png"),
                r#"{"method":"equal","attribute":"name","values":["a.png"]}"#,
            ),
            (
                Query::equal("name", vec!["a", "b"]),
                r#"{"method":"equal","attribute":"name","values":["a","b"]}"#,
            ),
            (
                Query::not_equal("mimeType", "image/png"),
                r#"{"method":"notEqual","attribute":"mimeType","values":["image/png"]}"#,
            ),
            (
                Query::less_than("sizeOriginal", 10),
                r#"{"method":"lessThan","attribute":"sizeOriginal","values":[10]}"#,
            ),
            (
                Query::less_than_equal("sizeOriginal", 10),
                r#"{"method":"lessThanEqual","attribute":"sizeOriginal","values":[10]}"#,
            ),
            (
                Query::greater_than("sizeOriginal", 5_000_000_000u64),
                r#"{"method":"greaterThan","attribute":"sizeOriginal","values":[5000000000]}"#,
            ),
            (
                Query::greater_than_equal("chunksUploaded", 1),
                r#"{"method":"greaterThanEqual","attribute":"chunksUploaded","values":[1]}"#,
            ),
            (
                Query::search("name", "report"),
                r#"{"method":"search","attribute":"name","values":["report"]}"#,
            ),
            (
                Query::is_null("signature"),
                r#"{"method":"isNull","attribute":"signature"}"#,
            ),
            (
                Query::is_not_null("signature"),
                r#"{"method":"isNotNull","attribute":"signature"}"#,
            ),
            (
                Query::between("sizeOriginal", 1, 100),
                r#"{"method":"between","attribute":"sizeOriginal","values":[1,100]}"#,
            ),
            (
                Query::starts_with("name", "IMG_"),
                r#"{"method":"startsWith","attribute":"name","values":["IMG_"]}"#,
            ),
            (
                Query::ends_with("name", ".png"),
                r#"{"method":"endsWith","attribute":"name","values":[".png"]}"#,
            ),
        ];
        for (query, json) in cases {
            assert_eq!(query.to_json(), json);
            let back: serde_json::Value = serde_json::from_str(&query.to_json()).unwrap();
            assert_eq!(back["method"], query.method());
        }
    }

    #[test]
    fn folder_filters_and_select_serialize_like_the_sdks() {
        let cases = [
            (
                Query::in_folder("photos/2026/"),
                r#"{"method":"equal","attribute":"folder","values":["photos/2026/"]}"#,
            ),
            (
                Query::in_folder(""),
                r#"{"method":"equal","attribute":"folder","values":[""]}"#,
            ),
            (
                Query::under_folder("photos/"),
                r#"{"method":"startsWith","attribute":"folder","values":["photos/"]}"#,
            ),
            (
                Query::not_in_folder(""),
                r#"{"method":"notEqual","attribute":"folder","values":[""]}"#,
            ),
            (
                Query::select(["folder"]),
                r#"{"method":"select","values":["folder"]}"#,
            ),
            (
                Query::select(vec!["$id".to_owned(), "folder".to_owned()]),
                r#"{"method":"select","values":["$id","folder"]}"#,
            ),
        ];
        for (query, json) in cases {
            assert_eq!(query.to_json(), json);
            assert!(!query.is_paging());
        }
    }

    #[test]
    fn list_options_become_indexed_pairs() {
        let opts = ListOptions::new()
            .limit(10)
            .query(Query::order_desc("$createdAt"))
            .search("cat pics")
            .total(false);
        let pairs = opts.to_pairs();
        assert_eq!(
            pairs,
            vec![
                (
                    "queries[0]".to_owned(),
                    r#"{"method":"limit","values":[10]}"#.to_owned()
                ),
                (
                    "queries[1]".to_owned(),
                    r#"{"method":"orderDesc","attribute":"$createdAt"}"#.to_owned()
                ),
                ("search".to_owned(), "cat pics".to_owned()),
                ("total".to_owned(), "0".to_owned()),
            ]
        );
        assert!(ListOptions::new().to_pairs().is_empty());
    }

    #[test]
    fn page_after_replaces_paging_queries_and_keeps_filters() {
        let opts = ListOptions::new()
            .limit(3)
            .offset(9)
            .cursor_after("old")
            .query(Query::equal("name", "x"));
        let next = opts.page_after(100, Some("last"));
        assert_eq!(
            next.queries,
            vec![
                Query::equal("name", "x"),
                Query::limit(100),
                Query::cursor_after("last")
            ]
        );
        assert!(!next.total);
        assert_eq!(opts.page_after(5, None).queries.len(), 2);
    }
}
