//! The spreadsheet template importer, as the widget runs it: decode, read, validate. The
//! first byte chooses which table the file is named as.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "areas.csv",
    "bodies.csv",
    "links.csv",
    "responsibilities.csv",
    "other.csv",
];

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(*first) % NAMES.len()];
    let (text, _) = pmap_core::text::decode(name, rest);
    let (file, diags) = pmap_core::csv_template::import(&[(name, &text)], &Default::default());
    // Every problem names the file it is in (or a JSON path when validation could not
    // place it in a row).
    for d in &diags {
        assert!(!d.path.is_empty(), "a diagnostic with no place: {d:?}");
    }
    if let Some(f) = file {
        let _ = pmap_core::csv_template::to_csv(&f);
    }
});
