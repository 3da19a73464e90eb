//! The JSON map, as the widget reads a file: decode the bytes, then load (parse, validate,
//! index). Any panic, hang or runaway memory is a bug; errors are fine.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = pmap_core::text::decode("fuzz.json", data);
    if let Ok(loaded) = pmap_core::load(&text) {
        // A loaded map must survive the trip back to JSON and in again.
        let json = serde_json::to_string(loaded.model.file()).expect("a loaded map serialises");
        assert!(pmap_core::load(&json).is_ok(), "a loaded map reloads");
    }
});
