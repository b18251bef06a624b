//! Request parameters: the query string (`queries[]`, `search`, `total`, share-link params) and
//! JSON bodies, with Appwrite's 400 answers for bad values.

use serde_json::{Map, Value};

use crate::error::ApiError;

/// The decoded query string, in order.
#[derive(Debug, Default, Clone)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<&str>) -> Self {
        Params(
            url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `queries[]`, `queries[0]`, ... and plain `queries`, in the order sent.
    pub fn queries(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| {
                k == "queries"
                    || k.strip_prefix("queries[")
                        .and_then(|r| r.strip_suffix(']'))
                        .is_some_and(|i| i.chars().all(|c| c.is_ascii_digit()))
            })
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// `search`, at most 256 characters.
    pub fn search(&self) -> Result<String, ApiError> {
        let s = self.get("search").unwrap_or("");
        if s.chars().count() > 256 {
            return Err(ApiError::param(
                "search",
                "Value must be a valid string and no longer than 256 chars",
            ));
        }
        Ok(s.to_string())
    }

    /// `total` (default true); `0`/`false` skips counting.
    pub fn total(&self) -> Result<bool, ApiError> {
        match self.get("total") {
            None => Ok(true),
            Some("1" | "true") => Ok(true),
            Some("0" | "false") => Ok(false),
            Some(_) => Err(ApiError::param("total", "Value must be a valid boolean")),
        }
    }

    /// An integer parameter within `min..=max`, or `default`.
    pub fn int_in(&self, name: &str, default: i64, min: i64, max: i64) -> Result<i64, ApiError> {
        let Some(v) = self.get(name).filter(|v| !v.is_empty()) else {
            return Ok(default);
        };
        match v.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::param(
                name,
                format!(
                    "Value must be a valid range between {} and {}",
                    group(min),
                    group(max)
                ),
            )),
        }
    }
}

/// `4000` -> `4,000`, as PHP's number_format writes it.
pub fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut groups: Vec<&str> = digits
        .as_bytes()
        .rchunks(3)
        .map(|c| std::str::from_utf8(c).unwrap_or(""))
        .collect();
    groups.reverse();
    let out = groups.join(",");
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A JSON object body (empty body = no params).
pub struct Body(Map<String, Value>);

impl Body {
    pub fn parse(bytes: &[u8]) -> Result<Self, ApiError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Body(Map::new()));
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => Ok(Body(map)),
            _ => Err(ApiError::new(
                400,
                "general_argument_invalid",
                "Invalid JSON body.",
            )),
        }
    }

    fn value(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    pub fn str(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(ApiError::param(name, "Value must be a valid string")),
        }
    }

    pub fn required_str(&self, name: &str) -> Result<String, ApiError> {
        self.str(name)?.ok_or_else(|| ApiError::missing_param(name))
    }

    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s == "true" || s == "false" => Ok(Some(s == "true")),
            Some(_) => Err(ApiError::param(name, "Value must be a valid boolean")),
        }
    }

    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::Number(n)) if n.as_i64().is_some() => Ok(n.as_i64()),
            Some(Value::String(s)) if s.parse::<i64>().is_ok() => Ok(s.parse().ok()),
            Some(_) => Err(ApiError::param(name, "Value must be a valid integer")),
        }
    }

    pub fn str_list(&self, name: &str) -> Result<Option<Vec<String>>, ApiError> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| ApiError::param(name, "Value must be a valid array of strings")),
            Some(_) => Err(ApiError::param(name, "Value must be a valid array")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_indexed_and_bracket_queries_in_order() {
        let p = Params::parse(Some(
            "queries%5B0%5D=a&search=x&queries%5B%5D=b&queries[1]=c&total=0",
        ));
        assert_eq!(p.queries(), vec!["a", "b", "c"]);
        assert_eq!(p.search().unwrap(), "x");
        assert!(!p.total().unwrap());
        assert!(Params::parse(Some("total=maybe")).total().is_err());
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group(4000), "4,000");
        assert_eq!(group(30_000_000), "30,000,000");
        assert_eq!(group(0), "0");
    }
}
