//! One result row, decoded from either backend into the same few value
//! kinds, and its typed mapping: `row.to::<T>()` fills any
//! `#[derive(serde::Deserialize)]` struct by column name. A misspelt or
//! missing column is an error naming the column, and `NULL` fits only an
//! `Option` field (it is never silently an empty string). Typed rows are
//! independent of the driver, so they stay when a backend's access path
//! changes.

use super::DbError;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum V {
    Null,
    I(i64),
    F(f64),
    T(String),
    B(Vec<u8>),
}

/// One result row, decoded by column type.
#[derive(Debug, Clone)]
pub struct Row {
    names: Arc<Vec<String>>,
    values: Vec<V>,
}

impl Row {
    pub(crate) fn new(names: Arc<Vec<String>>, values: Vec<V>) -> Row {
        Row { names, values }
    }

    /// The row as a typed struct whose field names are the column names.
    pub fn to<T: DeserializeOwned>(&self) -> Result<T, DbError> {
        T::deserialize(RowDeserializer(self)).map_err(|e| DbError::Decode(e.0))
    }

    fn value(&self, name: &str) -> Result<&V, DbError> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| &self.values[i])
            .ok_or_else(|| DbError::Column(name.to_string()))
    }
    pub fn i64(&self, name: &str) -> Result<i64, DbError> {
        match self.value(name)? {
            V::I(v) => Ok(*v),
            V::F(v) => Ok(*v as i64),
            _ => Err(DbError::Column(name.to_string())),
        }
    }
    pub fn opt_i64(&self, name: &str) -> Result<Option<i64>, DbError> {
        match self.value(name)? {
            V::Null => Ok(None),
            _ => self.i64(name).map(Some),
        }
    }
    pub fn bool(&self, name: &str) -> Result<bool, DbError> {
        Ok(self.i64(name)? != 0)
    }
    pub fn f64(&self, name: &str) -> Result<f64, DbError> {
        match self.value(name)? {
            V::F(v) => Ok(*v),
            V::I(v) => Ok(*v as f64),
            _ => Err(DbError::Column(name.to_string())),
        }
    }
    pub fn opt_f64(&self, name: &str) -> Result<Option<f64>, DbError> {
        match self.value(name)? {
            V::Null => Ok(None),
            _ => self.f64(name).map(Some),
        }
    }
    /// A text column; `NULL` is an error naming the column (never an empty
    /// string): a nullable column is read with [`Row::opt_str`].
    pub fn str(&self, name: &str) -> Result<String, DbError> {
        match self.value(name)? {
            V::T(v) => Ok(v.clone()),
            V::Null => Err(DbError::Null(name.to_string())),
            _ => Err(DbError::Column(name.to_string())),
        }
    }
    pub fn bytes(&self, name: &str) -> Result<Vec<u8>, DbError> {
        match self.value(name)? {
            V::B(v) => Ok(v.clone()),
            _ => Err(DbError::Column(name.to_string())),
        }
    }
    pub fn opt_str(&self, name: &str) -> Result<Option<String>, DbError> {
        match self.value(name)? {
            V::Null => Ok(None),
            V::T(v) => Ok(Some(v.clone())),
            _ => Err(DbError::Column(name.to_string())),
        }
    }
}

/// A decoding error: the serde message names the field (column).
#[derive(Debug)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for DecodeError {}
impl de::Error for DecodeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        DecodeError(msg.to_string())
    }
}

struct RowDeserializer<'r>(&'r Row);

impl<'de> de::Deserializer<'de> for RowDeserializer<'_> {
    type Error = DecodeError;

    fn deserialize_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        let row = self.0;
        let entries = row
            .names
            .iter()
            .map(String::as_str)
            .zip(row.values.iter().map(Value));
        visitor.visit_map(de::value::MapDeserializer::new(entries))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// One column's value. Integers also fill `bool` fields (SQLite has no
/// boolean type) and text fills enums by their serde names.
struct Value<'v>(&'v V);

impl<'de> IntoDeserializer<'de, DecodeError> for Value<'_> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for Value<'_> {
    type Error = DecodeError;

    fn deserialize_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            V::Null => visitor.visit_none(),
            V::I(v) => visitor.visit_i64(*v),
            V::F(v) => visitor.visit_f64(*v),
            V::T(v) => visitor.visit_str(v),
            V::B(v) => visitor.visit_bytes(v),
        }
    }

    fn deserialize_option<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            V::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_bool<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            V::I(v) => visitor.visit_bool(*v != 0),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_f64<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            V::I(v) => visitor.visit_f64(*v as f64),
            _ => self.deserialize_any(visitor),
        }
    }

    /// A BLOB fills a `Vec<u8>` field (serde reads vectors as sequences).
    fn deserialize_seq<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            V::B(v) => visitor.visit_seq(de::value::SeqDeserializer::new(v.iter().copied())),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_enum<W: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: W,
    ) -> Result<W::Value, DecodeError> {
        match self.0 {
            V::T(v) => visitor.visit_enum(v.as_str().into_deserializer()),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<W: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: W,
    ) -> Result<W::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 char str string
        bytes byte_buf unit unit_struct tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cols: &[(&str, V)]) -> Row {
        Row::new(
            Arc::new(cols.iter().map(|(n, _)| n.to_string()).collect()),
            cols.iter().map(|(_, v)| v.clone()).collect(),
        )
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Item {
        id: i64,
        title: String,
        answer: Option<String>,
        hidden: bool,
        share: f64,
    }

    #[test]
    fn fills_a_struct_by_column_name() {
        let r = row(&[
            ("id", V::I(7)),
            ("title", V::T("Radweg".into())),
            ("answer", V::Null),
            ("hidden", V::I(1)),
            ("share", V::I(2)),
            ("extra", V::T("ignored".into())),
        ]);
        assert_eq!(
            r.to::<Item>().expect("decodes"),
            Item {
                id: 7,
                title: "Radweg".into(),
                answer: None,
                hidden: true,
                share: 2.0
            }
        );
    }

    #[test]
    fn a_missing_column_is_an_error_naming_it() {
        let r = row(&[("id", V::I(7)), ("titel", V::T("Radweg".into()))]);
        let err = r.to::<Item>().expect_err("title is missing").to_string();
        assert!(err.contains("title"), "{err}");
    }

    #[test]
    fn null_fits_only_an_option() {
        let r = row(&[
            ("id", V::I(7)),
            ("title", V::Null),
            ("answer", V::Null),
            ("hidden", V::I(0)),
            ("share", V::F(0.5)),
        ]);
        assert!(
            r.to::<Item>().is_err(),
            "NULL must not become an empty title"
        );
    }

    #[test]
    fn null_is_never_an_empty_string_by_name() {
        let r = row(&[("answer", V::Null), ("title", V::T("Radweg".into()))]);
        let err = r
            .str("answer")
            .expect_err("NULL is not a string")
            .to_string();
        assert!(err.contains("answer"), "{err}");
        assert_eq!(r.opt_str("answer").expect("nullable"), None);
        assert_eq!(r.str("title").expect("text"), "Radweg");
        assert_eq!(r.opt_str("title").expect("text").as_deref(), Some("Radweg"));
    }

    #[test]
    fn null_fills_an_option_string_as_none() {
        #[derive(serde::Deserialize)]
        struct Answer {
            answer: Option<String>,
        }
        let r = row(&[("answer", V::Null)]);
        assert_eq!(r.to::<Answer>().expect("decodes").answer, None);
    }

    #[test]
    fn a_blob_fills_a_byte_vector() {
        #[derive(serde::Deserialize)]
        struct Image {
            data: Vec<u8>,
        }
        let r = row(&[("data", V::B(vec![0x89, b'P', b'N', b'G']))]);
        assert_eq!(r.to::<Image>().expect("decodes").data, b"\x89PNG");
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum State {
        Open,
        Closed,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct WithEnum {
        state: State,
        #[serde(default)]
        note: Option<String>,
    }

    #[test]
    fn text_fills_an_enum_by_name() {
        let r = row(&[("state", V::T("closed".into()))]);
        assert_eq!(
            r.to::<WithEnum>().expect("decodes"),
            WithEnum {
                state: State::Closed,
                note: None
            }
        );
        let bad = row(&[("state", V::T("gone".into()))]);
        assert!(bad.to::<WithEnum>().is_err());
        let _ = State::Open;
    }
}
