//! The ONS lookup importer: decode, read the table, pick columns (by the first two
//! bytes), read the rows and add them to a small map as coverage.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmap_core::model::{Area, BodyKind, MapFile};
use pmap_core::ons::{apply_lookup, LookupSpec, Table};

fuzz_target!(|data: &[u8]| {
    let [a, b, rest @ ..] = data else {
        return;
    };
    let (text, _) = pmap_core::text::decode("lookup.csv", rest);
    let Ok((table, _)) = Table::parse("lookup.csv", &text) else {
        return;
    };
    let n = table.headers.len().max(1);
    let col = |k: u8| {
        table
            .headers
            .get(usize::from(k) % n)
            .cloned()
            .unwrap_or_default()
    };
    let share = (b & 0x80 != 0).then(|| col(b.wrapping_add(1)));
    let spec = LookupSpec::new(&col(*a), &col(*b), None, share.as_deref());
    let base = MapFile {
        areas: vec![Area {
            code: "E07000089".into(),
            name: "Hart".into(),
            kind: "lad".into(),
            population: Some(101_542),
            parent: None,
            neighbours: Vec::new(),
        }],
        ..MapFile::default()
    };
    if let Ok((map, _)) = apply_lookup(&base, &table, &spec, &BodyKind::FireAuthority, "fra") {
        let _ = pmap_core::validate::validate(&map);
    }
});
