//! List queries: parsing the JSON `queries[]` strings against a collection's attributes, and
//! applying filters, search, order, cursors, offset, limit and the capped `total` to documents.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::config::Emulation;
use crate::error::ApiError;

mod attr;

use attr::AttrType;
pub use attr::{Attr, AttrVal, Queryable};

/// Default page size, largest page size, and the cap on `total`.
pub const DEFAULT_LIMIT: usize = 25;
pub const MAX_LIMIT: usize = 5000;
pub const TOTAL_CAP: usize = 5000;

#[derive(Debug, Clone)]
enum Lit {
    Str(String),
    Num(f64),
    Bool(bool),
    Date(DateTime<Utc>),
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Equal,
    NotEqual,
    Lt,
    Lte,
    Gt,
    Gte,
    StartsWith,
    EndsWith,
    Contains,
}

#[derive(Debug, Clone)]
enum Filter {
    Cmp(String, Op, Vec<Lit>),
    Between(String, Lit, Lit),
    Search(String, String),
    IsNull(String),
    IsNotNull(String),
    Or(Vec<Filter>),
    And(Vec<Filter>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    After(String),
    Before(String),
}

/// A parsed set of queries.
#[derive(Debug, Clone)]
pub struct ListQuery {
    filters: Vec<Filter>,
    /// (attribute, ascending); `None` attribute = creation order.
    orders: Vec<(Option<String>, bool)>,
    pub limit: usize,
    pub offset: usize,
    pub cursor: Option<Cursor>,
    /// The attributes `select` queries named (newest server, files only); `None`: every one.
    pub select: Option<Vec<String>>,
}

fn invalid(detail: impl AsRef<str>) -> ApiError {
    ApiError::param("queries", format!("Invalid query: {}", detail.as_ref()))
}

/// Parses `queries[]` strings as a server emulated as `emulate` does. Errors are 400
/// `general_argument_invalid` ("Invalid `queries` param: Invalid query: ...").
pub fn parse<D: Queryable>(raw: &[String], emulate: Emulation) -> Result<ListQuery, ApiError> {
    if raw.len() > 100 {
        return Err(ApiError::param(
            "queries",
            "Value must a valid array no longer than 100 items and Value must be a valid string and at least 1 chars and no longer than 4096 chars",
        ));
    }
    let mut q = ListQuery {
        filters: Vec::new(),
        orders: Vec::new(),
        limit: DEFAULT_LIMIT,
        offset: 0,
        cursor: None,
        select: None,
    };
    let schema = Schema {
        attrs: D::ATTRS,
        selectable: if emulate.has_folders() {
            D::SELECTABLE
        } else {
            &[]
        },
        emulate,
    };
    for text in raw {
        let value: Value = serde_json::from_str(text).map_err(|_| invalid("Syntax error"))?;
        parse_one(&value, &schema, &mut q)?;
    }
    Ok(q)
}

/// What queries may name on one kind of document, for one emulated server.
struct Schema<D: 'static> {
    attrs: &'static [Attr<D>],
    selectable: &'static [&'static str],
    emulate: Emulation,
}

/// The attributes a `select` query names: each one a String the schema lets it select, or `*`.
fn selected(values: &[Value], selectable: &[&str]) -> Result<Vec<String>, ApiError> {
    if values.is_empty() {
        return Err(invalid(
            "Invalid select: it must name at least one attribute",
        ));
    }
    let mut names = Vec::new();
    for value in values {
        let Some(name) = value.as_str() else {
            return Err(invalid("Invalid select: attributes must be strings"));
        };
        if name == "*" {
            names.extend(selectable.iter().map(|s| s.to_string()));
        } else if selectable.contains(&name) {
            names.push(name.to_string());
        } else {
            return Err(invalid(format!("Attribute not found in schema: {name}")));
        }
    }
    Ok(names)
}

fn method_of(value: &Value) -> Result<(&str, Option<&str>, &[Value]), ApiError> {
    let obj = value.as_object().ok_or_else(|| invalid("Syntax error"))?;
    let method = obj
        .get("method")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("Invalid query method: "))?;
    let attribute = match obj.get("attribute") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => return Err(invalid("Syntax error")),
    };
    let values = match obj.get("values") {
        None | Some(Value::Null) => &[][..],
        Some(Value::Array(v)) => v.as_slice(),
        Some(_) => return Err(invalid("Syntax error")),
    };
    Ok((method, attribute, values))
}

fn parse_one<D: 'static>(
    value: &Value,
    schema: &Schema<D>,
    q: &mut ListQuery,
) -> Result<(), ApiError> {
    let (method, attribute, values) = method_of(value)?;
    match method {
        "limit" => {
            let n = values.first().and_then(Value::as_i64).unwrap_or(-1);
            if n < 1 || n as usize > MAX_LIMIT {
                return Err(invalid(
                    "Invalid limit: Value must be a valid range between 1 and 5,000",
                ));
            }
            q.limit = n as usize;
        }
        "offset" => {
            let n = values.first().and_then(Value::as_i64).unwrap_or(-1);
            if n < 0 {
                return Err(invalid(
                    "Invalid offset: Value must be a valid integer and at least 0",
                ));
            }
            q.offset = n as usize;
        }
        "cursorAfter" | "cursorBefore" => {
            let id = values.first().and_then(Value::as_str).unwrap_or("");
            if !crate::ids::is_valid(id) {
                return Err(invalid("Invalid cursor: Cursor must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char"));
            }
            q.cursor = Some(if method == "cursorAfter" {
                Cursor::After(id.to_string())
            } else {
                Cursor::Before(id.to_string())
            });
        }
        "orderAsc" | "orderDesc" => {
            let attr = match attribute {
                None | Some("") | Some("$sequence") => None,
                Some(a) => {
                    attr_type(schema, a)?;
                    Some(a.to_string())
                }
            };
            q.orders.push((attr, method == "orderAsc"));
        }
        "select" => {
            // The real server refuses it where it has no select validator (a 1.8.1 server
            // everywhere, the newest one outside files), before looking at the values.
            if schema.selectable.is_empty() {
                return Err(ApiError::param("queries", "Invalid query method: select"));
            }
            let names = selected(values, schema.selectable)?;
            q.select.get_or_insert_with(Vec::new).extend(names);
        }
        _ => q
            .filters
            .push(parse_filter(method, attribute, values, schema)?),
    }
    Ok(())
}

fn attr_type<D: 'static>(schema: &Schema<D>, name: &str) -> Result<AttrType, ApiError> {
    schema
        .attrs
        .iter()
        .find(|a| a.name() == name && a.known_to(schema.emulate))
        .map(Attr::ty)
        .ok_or_else(|| invalid(format!("Attribute not found in schema: {name}")))
}

fn literal(attr: &str, ty: AttrType, v: &Value) -> Result<Lit, ApiError> {
    let bad = || invalid(format!("Query value is invalid for attribute \"{attr}\""));
    match (ty, v) {
        (AttrType::Str, Value::String(s)) => Ok(Lit::Str(s.clone())),
        (AttrType::Int, Value::Number(n)) => n.as_f64().map(Lit::Num).ok_or_else(bad),
        (AttrType::Bool, Value::Bool(b)) => Ok(Lit::Bool(*b)),
        (AttrType::Date, Value::String(s)) => crate::time::parse(s).map(Lit::Date).ok_or_else(bad),
        _ => Err(bad()),
    }
}

fn parse_filter<D: 'static>(
    method: &str,
    attribute: Option<&str>,
    values: &[Value],
    schema: &Schema<D>,
) -> Result<Filter, ApiError> {
    let op = match method {
        "equal" => Some(Op::Equal),
        "notEqual" => Some(Op::NotEqual),
        "lessThan" => Some(Op::Lt),
        "lessThanEqual" => Some(Op::Lte),
        "greaterThan" => Some(Op::Gt),
        "greaterThanEqual" => Some(Op::Gte),
        "startsWith" => Some(Op::StartsWith),
        "endsWith" => Some(Op::EndsWith),
        "contains" => Some(Op::Contains),
        "search" | "between" | "isNull" | "isNotNull" => None,
        "or" | "and" => {
            let mut inner = Vec::new();
            for v in values {
                let (m, a, vs) = method_of(v)?;
                inner.push(parse_filter(m, a, vs, schema)?);
            }
            if inner.is_empty() {
                return Err(invalid(format!(
                    "{method} queries require at least one query"
                )));
            }
            return Ok(if method == "or" {
                Filter::Or(inner)
            } else {
                Filter::And(inner)
            });
        }
        other => return Err(invalid(format!("Invalid query method: {other}"))),
    };
    let attr = attribute.unwrap_or("");
    let ty = attr_type(schema, attr)?;
    let name = attr.to_string();
    let bad = || invalid(format!("Query value is invalid for attribute \"{attr}\""));
    if let Some(op) = op {
        if values.is_empty() {
            return Err(bad());
        }
        if matches!(op, Op::StartsWith | Op::EndsWith | Op::Contains) && ty != AttrType::Str {
            return Err(bad());
        }
        let lits = values
            .iter()
            .map(|v| literal(attr, ty, v))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Filter::Cmp(name, op, lits));
    }
    match method {
        "search" => match values.first() {
            Some(Value::String(s)) if ty == AttrType::Str => Ok(Filter::Search(name, s.clone())),
            _ => Err(bad()),
        },
        "between" => {
            if values.len() != 2 {
                return Err(bad());
            }
            Ok(Filter::Between(
                name,
                literal(attr, ty, &values[0])?,
                literal(attr, ty, &values[1])?,
            ))
        }
        "isNull" => Ok(Filter::IsNull(name)),
        _ => Ok(Filter::IsNotNull(name)),
    }
}

fn cmp_lit(a: &AttrVal<'_>, b: &Lit) -> Option<Ordering> {
    match (a, b) {
        (AttrVal::Str(a), Lit::Str(b)) => Some((*a).cmp(b.as_str())),
        (AttrVal::Int(a), Lit::Num(b)) => (*a as f64).partial_cmp(b),
        (AttrVal::Bool(a), Lit::Bool(b)) => Some(a.cmp(b)),
        (AttrVal::Date(a), Lit::Date(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

fn cmp_attr(a: &Option<AttrVal<'_>>, b: &Option<AttrVal<'_>>) -> Ordering {
    match (a, b) {
        (Some(AttrVal::Str(a)), Some(AttrVal::Str(b))) => a.cmp(b),
        (Some(AttrVal::Int(a)), Some(AttrVal::Int(b))) => a.cmp(b),
        (Some(AttrVal::Bool(a)), Some(AttrVal::Bool(b))) => a.cmp(b),
        (Some(AttrVal::Date(a)), Some(AttrVal::Date(b))) => a.cmp(b),
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Full-text match as the real server's boolean mode does it: any term word matches a whole
/// word of the text, and the last term word also matches as a word prefix.
pub fn fulltext_match(text: &str, term: &str) -> bool {
    let terms = words(term);
    if terms.is_empty() {
        return true;
    }
    let hay = words(text);
    terms.iter().enumerate().any(|(i, t)| {
        let last = i + 1 == terms.len();
        hay.iter()
            .any(|w| w == t || (last && w.starts_with(t.as_str())))
    })
}

fn matches<D: Queryable>(doc: &D, filter: &Filter) -> bool {
    match filter {
        Filter::Cmp(attr, op, lits) => {
            let Some(v) = doc.attr(attr) else {
                return false;
            };
            match op {
                Op::NotEqual => lits.iter().all(|l| cmp_lit(&v, l) != Some(Ordering::Equal)),
                Op::Equal => lits.iter().any(|l| cmp_lit(&v, l) == Some(Ordering::Equal)),
                Op::StartsWith | Op::EndsWith | Op::Contains => {
                    let AttrVal::Str(s) = &v else {
                        return false;
                    };
                    // The real server runs these as SQL `LIKE` (wildcards in the value escaped)
                    // on columns with a case-insensitive collation: "READ" finds "readme.txt".
                    let s = s.to_lowercase();
                    lits.iter().any(|l| match l {
                        Lit::Str(p) => {
                            let p = p.to_lowercase();
                            match op {
                                Op::StartsWith => s.starts_with(&p),
                                Op::EndsWith => s.ends_with(&p),
                                _ => s.contains(&p),
                            }
                        }
                        _ => false,
                    })
                }
                Op::Lt | Op::Lte | Op::Gt | Op::Gte => {
                    let Some(ord) = cmp_lit(&v, &lits[0]) else {
                        return false;
                    };
                    match op {
                        Op::Lt => ord == Ordering::Less,
                        Op::Lte => ord != Ordering::Greater,
                        Op::Gt => ord == Ordering::Greater,
                        _ => ord != Ordering::Less,
                    }
                }
            }
        }
        Filter::Between(attr, lo, hi) => doc.attr(attr).is_some_and(|v| {
            cmp_lit(&v, lo).is_some_and(|o| o != Ordering::Less)
                && cmp_lit(&v, hi).is_some_and(|o| o != Ordering::Greater)
        }),
        Filter::Search(attr, term) => doc.attr(attr).is_some_and(|v| match v {
            AttrVal::Str(s) => fulltext_match(s, term),
            _ => false,
        }),
        Filter::IsNull(attr) => doc.attr(attr).is_none(),
        Filter::IsNotNull(attr) => doc.attr(attr).is_some(),
        Filter::Or(inner) => inner.iter().any(|f| matches(doc, f)),
        Filter::And(inner) => inner.iter().all(|f| matches(doc, f)),
    }
}

impl ListQuery {
    /// The cursor's document ID, if any.
    pub fn cursor_id(&self) -> Option<&str> {
        match &self.cursor {
            Some(Cursor::After(id)) | Some(Cursor::Before(id)) => Some(id),
            None => None,
        }
    }

    fn compare<D: Queryable>(&self, a: &D, b: &D) -> Ordering {
        for (attr, asc) in &self.orders {
            let ord = match attr {
                Some(attr) => cmp_attr(&a.attr(attr), &b.attr(attr)),
                None => a.seq().cmp(&b.seq()),
            };
            let ord = if *asc { ord } else { ord.reverse() };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        let last_desc = self.orders.last().is_some_and(|(_, asc)| !asc);
        let ord = a.seq().cmp(&b.seq());
        if last_desc {
            ord.reverse()
        } else {
            ord
        }
    }

    /// Applies the queries and `search` to `docs` (given in creation order). `cursor_doc` is the
    /// document named by the cursor (the caller answers 400 `general_cursor_not_found` when it is
    /// missing). Returns the page and the total (0 when `count` is false, else capped at 5000).
    pub fn run<'a, D: Queryable + 'a>(
        &self,
        docs: impl Iterator<Item = &'a D>,
        search: &str,
        cursor_doc: Option<&D>,
        count: bool,
    ) -> (Vec<&'a D>, u64) {
        let mut hits: Vec<&D> = docs
            .filter(|d| self.filters.iter().all(|f| matches(*d, f)))
            .filter(|d| search.trim().is_empty() || fulltext_match(&d.search_text(), search))
            .collect();
        let total = if count {
            hits.len().min(TOTAL_CAP) as u64
        } else {
            0
        };
        if !self.orders.is_empty() {
            hits.sort_by(|a, b| self.compare(*a, *b));
        }
        let page = match (&self.cursor, cursor_doc) {
            (Some(Cursor::Before(_)), Some(c)) => {
                hits.retain(|d| self.compare(*d, c) == Ordering::Less);
                let mut page: Vec<&D> = hits
                    .into_iter()
                    .rev()
                    .skip(self.offset)
                    .take(self.limit)
                    .collect();
                page.reverse();
                page
            }
            (Some(Cursor::After(_)), Some(c)) => hits
                .into_iter()
                .filter(|d| self.compare(*d, c) == Ordering::Greater)
                .skip(self.offset)
                .take(self.limit)
                .collect(),
            _ => hits
                .into_iter()
                .skip(self.offset)
                .take(self.limit)
                .collect(),
        };
        (page, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Doc {
        seq: u64,
        name: &'static str,
        size: i64,
    }

    impl Queryable for Doc {
        fn seq(&self) -> u64 {
            self.seq
        }
        const ATTRS: &'static [Attr<Self>] = &[
            Attr::str("name", |d| d.name),
            Attr::int("sizeOriginal", |d| d.size),
        ];

        fn search_text(&self) -> String {
            format!("f{} {}", self.seq, self.name)
        }
    }

    fn docs() -> Vec<Doc> {
        vec![
            Doc {
                seq: 1,
                name: "b.png",
                size: 30,
            },
            Doc {
                seq: 2,
                name: "a.txt",
                size: 10,
            },
            Doc {
                seq: 3,
                name: "c.png",
                size: 20,
            },
            Doc {
                seq: 4,
                name: "report 2024.pdf",
                size: 40,
            },
        ]
    }

    fn names(q: &[&str], search: &str) -> (Vec<&'static str>, u64) {
        let raw: Vec<String> = q.iter().map(|s| s.to_string()).collect();
        let q = parse::<Doc>(&raw, Emulation::Newest).unwrap();
        let all = docs();
        let cursor = q.cursor_id().and_then(|id| {
            all.iter()
                .find(|d| format!("f{}", d.seq) == id)
                .map(|d| Doc { ..*d })
        });
        let (page, total) = q.run(all.iter(), search, cursor.as_ref(), true);
        (page.iter().map(|d| d.name).collect(), total)
    }

    #[test]
    fn default_order_is_creation_order_and_limit_offset_apply() {
        let (n, total) = names(
            &[
                r#"{"method":"limit","values":[2]}"#,
                r#"{"method":"offset","values":[1]}"#,
            ],
            "",
        );
        assert_eq!(n, vec!["a.txt", "c.png"]);
        assert_eq!(total, 4);
    }

    #[test]
    fn filters_and_orders() {
        let (n, total) = names(
            &[
                r#"{"method":"endsWith","attribute":"name","values":[".png"]}"#,
                r#"{"method":"orderDesc","attribute":"sizeOriginal"}"#,
            ],
            "",
        );
        assert_eq!(n, vec!["b.png", "c.png"]);
        assert_eq!(total, 2);
        let (n, _) = names(
            &[r#"{"method":"equal","attribute":"name","values":["a.txt","c.png"]}"#],
            "",
        );
        assert_eq!(n, vec!["a.txt", "c.png"]);
        let (n, _) = names(
            &[r#"{"method":"between","attribute":"sizeOriginal","values":[15,30]}"#],
            "",
        );
        assert_eq!(n, vec!["b.png", "c.png"]);
        let (n, _) = names(
            &[
                r#"{"method":"greaterThan","attribute":"sizeOriginal","values":[25]}"#,
                r#"{"method":"orderAsc","attribute":"name"}"#,
            ],
            "",
        );
        assert_eq!(n, vec!["b.png", "report 2024.pdf"]);
    }

    #[test]
    fn cursors_page_relative_to_the_cursor_document() {
        let (n, _) = names(
            &[
                r#"{"method":"cursorAfter","values":["f2"]}"#,
                r#"{"method":"limit","values":[1]}"#,
            ],
            "",
        );
        assert_eq!(n, vec!["c.png"]);
        let (n, _) = names(
            &[
                r#"{"method":"cursorBefore","values":["f4"]}"#,
                r#"{"method":"limit","values":[2]}"#,
            ],
            "",
        );
        assert_eq!(n, vec!["a.txt", "c.png"]);
    }

    #[test]
    fn starts_with_and_ends_with_ignore_case_and_take_wildcards_literally() {
        let q = |method: &str, value: &str| {
            format!(r#"{{"method":"{method}","attribute":"name","values":["{value}"]}}"#)
        };
        assert_eq!(
            names(&[&q("startsWith", "REP")], "").0,
            vec!["report 2024.pdf"]
        );
        assert_eq!(
            names(&[&q("startsWith", "Report 2")], "").0,
            vec!["report 2024.pdf"]
        );
        assert_eq!(
            names(&[&q("endsWith", ".PNG")], "").0,
            vec!["b.png", "c.png"]
        );
        // `%` and `_` are not patterns: the server escapes them.
        assert!(names(&[&q("startsWith", "%")], "").0.is_empty());
        assert!(names(&[&q("startsWith", "_.png")], "").0.is_empty());
    }

    #[test]
    fn search_matches_words_with_prefix_on_the_last_word() {
        assert_eq!(names(&[], "repo").0, vec!["report 2024.pdf"]);
        assert_eq!(names(&[], "png").0, vec!["b.png", "c.png"]);
        assert!(names(&[], "pn txt").0.contains(&"a.txt"));
        assert!(fulltext_match("abc sunset.png", "sun"));
        assert!(!fulltext_match("abc sunset.png", "unset"));
    }

    #[test]
    fn bad_queries_are_400_with_the_appwrite_message() {
        for (q, msg) in [
            ("nope", "Invalid `queries` param: Invalid query: Syntax error"),
            (r#"{"method":"equal","attribute":"expire","values":["x"]}"#, "Invalid `queries` param: Invalid query: Attribute not found in schema: expire"),
            (r#"{"method":"limit","values":[0]}"#, "Invalid `queries` param: Invalid query: Invalid limit: Value must be a valid range between 1 and 5,000"),
            (r#"{"method":"frobnicate","attribute":"name","values":[1]}"#, "Invalid `queries` param: Invalid query: Invalid query method: frobnicate"),
            (r#"{"method":"equal","attribute":"sizeOriginal","values":["ten"]}"#, "Invalid `queries` param: Invalid query: Query value is invalid for attribute \"sizeOriginal\""),
        ] {
            let err = parse::<Doc>(&[q.to_string()], Emulation::Newest).unwrap_err();
            assert_eq!(err.status.as_u16(), 400);
            assert_eq!(err.kind, "general_argument_invalid");
            assert_eq!(err.message, msg);
        }
    }
}
