//! Canonical forms: what a value means, without its layout. Equal forms = "unchanged".

use super::*;

pub(super) fn canon_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("s{:?}", nfc(s.value())),
        Value::Integer(i) => format!("i{}", i.value()),
        Value::Float(f) => format!("f{}", f.value()),
        Value::Boolean(b) => format!("b{}", b.value()),
        Value::Datetime(d) => format!("d{}", d.value()),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(canon_value).collect();
            format!("[{}]", items.join(","))
        }
        Value::InlineTable(t) => {
            let mut parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{:?}={}", nfc(k), canon_value(v)))
                .collect();
            parts.sort();
            format!("{{{}}}", parts.join(","))
        }
    }
}

/// Same shape as an inline table's form, so `log = [{..}]` equals `[[directive.log]]`.
pub(super) fn canon_table(t: &Table) -> String {
    let mut parts: Vec<String> = t
        .iter()
        .filter_map(|(k, item)| canon_item(item).map(|c| format!("{:?}={c}", nfc(k))))
        .collect();
    parts.sort();
    format!("{{{}}}", parts.join(","))
}

pub(super) fn canon_item(item: &Item) -> Option<String> {
    match item {
        Item::None => None,
        Item::Value(v) => Some(canon_value(v)),
        Item::Table(t) => Some(canon_table(t)),
        Item::ArrayOfTables(a) => {
            let items: Vec<String> = a.iter().map(canon_table).collect();
            Some(format!("[{}]", items.join(",")))
        }
    }
}

pub(super) fn canon_key(t: Option<&Table>, key: &str) -> Option<String> {
    t.and_then(|t| t.get(key)).and_then(canon_item)
}
