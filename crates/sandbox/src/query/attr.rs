//! The queryable attributes of a document type: one table per type names each attribute, its
//! type and how to read it, and serves both as the query schema and as the attribute lookup.

use chrono::{DateTime, Utc};

use crate::config::Emulation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AttrType {
    Str,
    Int,
    Bool,
    Date,
}

/// One attribute value of a document.
#[derive(Debug, Clone)]
pub enum AttrVal<'a> {
    Str(&'a str),
    Int(i64),
    Bool(bool),
    Date(DateTime<Utc>),
}

/// How an attribute is read from a document; the variant is the attribute's type.
enum Getter<D> {
    Str(for<'a> fn(&'a D) -> &'a str),
    Int(fn(&D) -> i64),
    Bool(fn(&D) -> bool),
    Date(fn(&D) -> DateTime<Utc>),
}

/// One attribute queries may filter and order on: its name, its type and how to read it.
pub struct Attr<D> {
    name: &'static str,
    get: Getter<D>,
    /// Only the newest server knows it: a 1.8.1 server answers "Attribute not found in schema".
    newest_only: bool,
}

impl<D> Attr<D> {
    pub const fn str(name: &'static str, get: for<'a> fn(&'a D) -> &'a str) -> Self {
        Attr {
            name,
            get: Getter::Str(get),
            newest_only: false,
        }
    }

    pub const fn int(name: &'static str, get: fn(&D) -> i64) -> Self {
        Attr {
            name,
            get: Getter::Int(get),
            newest_only: false,
        }
    }

    pub const fn bool(name: &'static str, get: fn(&D) -> bool) -> Self {
        Attr {
            name,
            get: Getter::Bool(get),
            newest_only: false,
        }
    }

    pub const fn date(name: &'static str, get: fn(&D) -> DateTime<Utc>) -> Self {
        Attr {
            name,
            get: Getter::Date(get),
            newest_only: false,
        }
    }

    /// The same attribute, known only to the newest server.
    pub const fn newest_only(self) -> Self {
        Attr {
            newest_only: true,
            ..self
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Whether a server emulated as `emulate` knows the attribute.
    pub fn known_to(&self, emulate: Emulation) -> bool {
        !self.newest_only || emulate.has_folders()
    }

    pub(super) fn ty(&self) -> AttrType {
        match self.get {
            Getter::Str(_) => AttrType::Str,
            Getter::Int(_) => AttrType::Int,
            Getter::Bool(_) => AttrType::Bool,
            Getter::Date(_) => AttrType::Date,
        }
    }

    pub(super) fn read<'a>(&self, doc: &'a D) -> AttrVal<'a> {
        match self.get {
            Getter::Str(f) => AttrVal::Str(f(doc)),
            Getter::Int(f) => AttrVal::Int(f(doc)),
            Getter::Bool(f) => AttrVal::Bool(f(doc)),
            Getter::Date(f) => AttrVal::Date(f(doc)),
        }
    }
}

/// A document that can be listed.
pub trait Queryable: Sized + 'static {
    /// The attributes queries may use: both the query schema and the attribute lookup.
    const ATTRS: &'static [Attr<Self>];

    /// The attributes a `select` query may name (newest server); empty: `select` is refused,
    /// as the real server refuses it outside files.
    const SELECTABLE: &'static [&'static str] = &[];

    /// Creation order.
    fn seq(&self) -> u64;

    /// What `search` looks in: `"<id> <name>"`.
    fn search_text(&self) -> String;

    fn attr(&self, name: &str) -> Option<AttrVal<'_>> {
        Self::ATTRS
            .iter()
            .find(|a| a.name() == name)
            .map(|a| a.read(self))
    }
}
