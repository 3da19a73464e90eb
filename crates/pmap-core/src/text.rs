//! Turning the bytes of a file into text, saying so when the file was not plain UTF-8.
//!
//! Files reach the widget from the file picker, drag and drop and paste, and the native
//! tools read them from disk; all of them decode here, so every route reads a file the same
//! way:
//!
//! 1. A byte-order mark decides: UTF-8 (`EF BB BF`), UTF-16LE (`FF FE`) or UTF-16BE
//!    (`FE FF`). The mark is removed. Excel's "Unicode text" is UTF-16LE with a mark.
//! 2. Without a mark, UTF-16 is recognised by its zero bytes (ASCII text in UTF-16 has a
//!    zero in every other byte), with a warning.
//! 3. Otherwise the bytes must be UTF-8. When they are not, they are read as Windows-1252,
//!    the encoding Excel uses for "CSV" on Windows in Western Europe, with a warning that
//!    names the file and the encoding.
//! 4. A U+FFFD replacement character in the result (from bytes that could not be decoded,
//!    or already in the file) always gets a warning naming its line and column: it is
//!    what a "Café" becomes when an encoding went wrong, and it must not pass silently.

use crate::diagnostic::Diagnostic;
use crate::limits::MAX_FILE_BYTES;

/// The encodings a file can be read in. Only these four: a general decoder (such as
/// `encoding_rs`, with every CJK table) would be most of the widget's download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// The encoding a byte-order mark at the start of `bytes` names, and the mark's length.
    fn for_bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => Some((Encoding::Utf8, 3)),
            [0xFF, 0xFE, ..] => Some((Encoding::Utf16Le, 2)),
            [0xFE, 0xFF, ..] => Some((Encoding::Utf16Be, 2)),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    /// Decodes `bytes` (without a mark), replacing what cannot be decoded with U+FFFD as the
    /// WHATWG Encoding Standard does: an unpaired surrogate or a lone last byte in UTF-16,
    /// each maximal invalid subpart in UTF-8.
    fn decode(self, bytes: &[u8]) -> String {
        let units = |be: bool| {
            bytes.chunks_exact(2).map(move |p| {
                let (a, b) = (
                    p.first().copied().unwrap_or(0),
                    p.get(1).copied().unwrap_or(0),
                );
                if be {
                    u16::from_be_bytes([a, b])
                } else {
                    u16::from_le_bytes([a, b])
                }
            })
        };
        let mut s: String = match self {
            Encoding::Utf8 => return String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Utf16Le => char::decode_utf16(units(false))
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
            Encoding::Utf16Be => char::decode_utf16(units(true))
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
        };
        // A lone last byte is one more U+FFFD, unless it follows an unpaired lead surrogate
        // (the two make one error, as in the standard's end-of-stream step).
        let last_unit_is_lead = units(self == Encoding::Utf16Be)
            .next_back()
            .is_some_and(|u| (0xD800..0xDC00).contains(&u));
        if bytes.len() % 2 == 1 && !last_unit_is_lead {
            s.push(char::REPLACEMENT_CHARACTER);
        }
        s
    }
}

/// Windows-1252 (as the WHATWG Encoding Standard defines it) for the bytes 0x80–0x9F; every
/// other byte is the code point of the same number.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decodes Windows-1252: every byte is one character, so nothing is ever replaced.
fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// How many replacement characters are reported one by one before a summary.
const MAX_REPLACEMENT_WARNINGS: usize = 5;

/// Decodes the bytes of a file named `file_name`.
///
/// # Returns
/// The text (without a byte-order mark) and the diagnostics: warnings when the file was
/// not UTF-8 or holds U+FFFD, and an error (with empty text) when the file is larger than
/// [`MAX_FILE_BYTES`].
///
/// # Complexity
/// O(n) in the length of the file.
///
/// # Example
/// ```
/// use pmap_core::text::decode;
/// // "Café" as Excel saves it on Windows: é is the single byte 0xE9.
/// let (text, diags) = decode("bodies.csv", b"name\nCaf\xE9\n");
/// assert_eq!(text, "name\nCafé\n");
/// assert_eq!(diags[0].code, "encoding-fallback");
/// assert!(diags[0].message.contains("Windows-1252"));
/// assert_eq!(diags[0].path, "bodies.csv");
/// ```
pub fn decode(file_name: &str, bytes: &[u8]) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if bytes.len() > MAX_FILE_BYTES {
        diags.push(Diagnostic::error(
            "file-too-large",
            file_name,
            format!(
                "{file_name} is {} MB; the largest file accepted is {} MB",
                bytes.len().div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
        return (String::new(), diags);
    }
    let text = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        enc.decode(rest)
    } else if let Some(enc) = utf16_without_bom(bytes) {
        diags.push(Diagnostic::warning(
            "encoding-guessed",
            file_name,
            format!(
                "{file_name} has no byte-order mark but looks like {}, so it was read as that",
                enc.name()
            ),
        ));
        enc.decode(bytes)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let (line, column) = line_col_of_byte(bytes, e.valid_up_to());
                diags.push(
                    Diagnostic::warning(
                        "encoding-fallback",
                        file_name,
                        format!(
                            "{file_name} is not UTF-8 (the first byte that is not is on line {line}, column {column}), so it was read as Windows-1252, the encoding Excel uses on Windows; check that accented letters look right, or save it as \"CSV UTF-8\""
                        ),
                    )
                    .at(line, column),
                );
                decode_windows_1252(bytes)
            }
        }
    };
    warn_replacements(file_name, &text, &mut diags);
    (text, diags)
}

/// UTF-16 without a byte-order mark: among the first 1,000 byte pairs, most have exactly
/// one zero byte, always on the same side.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd, mut pairs) = (0usize, 0usize, 0usize);
    for pair in bytes.chunks_exact(2).take(1000) {
        pairs += 1;
        match (pair.first(), pair.get(1)) {
            (Some(0), Some(b)) if *b != 0 => even += 1,
            (Some(a), Some(0)) if *a != 0 => odd += 1,
            _ => {}
        }
    }
    // ASCII-heavy UTF-16: nearly every pair has its zero on one side.
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// 1-based line and column (in characters, read as UTF-8 up to the point) of byte `at`.
fn line_col_of_byte(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let tail = before.get(line_start..).unwrap_or_default();
    let column = 1 + String::from_utf8_lossy(tail).chars().count();
    (line, column)
}

fn warn_replacements(file_name: &str, text: &str, diags: &mut Vec<Diagnostic>) {
    let mut found = 0usize;
    for (line_no, line) in text.split('\n').enumerate() {
        for (col, ch) in line.chars().enumerate() {
            if ch != '\u{FFFD}' {
                continue;
            }
            found += 1;
            if found <= MAX_REPLACEMENT_WARNINGS {
                diags.push(
                    Diagnostic::warning(
                        "replacement-character",
                        format!("{file_name} line {}, column {}", line_no + 1, col + 1),
                        "this character is U+FFFD, the mark for text that could not be decoded: a letter here was probably lost (check the file's encoding)",
                    )
                    .with_value(crate::diagnostic::shorten(line, 60))
                    .at(line_no + 1, col + 1),
                );
            }
        }
    }
    if found > MAX_REPLACEMENT_WARNINGS {
        diags.push(Diagnostic::warning(
            "replacement-character",
            file_name,
            format!(
                "{file_name} has {found} U+FFFD replacement characters in all; only the first {MAX_REPLACEMENT_WARNINGS} are listed"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16le_with_bom() {
        // "a,é\n" in UTF-16LE after the mark FF FE: a=61 00, ','=2C 00, é=E9 00, \n=0A 00.
        let bytes = [0xFF, 0xFE, 0x61, 0, 0x2C, 0, 0xE9, 0, 0x0A, 0];
        let (t, d) = decode("x.csv", &bytes);
        assert_eq!(t, "a,é\n");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn utf16be_with_bom() {
        let bytes = [0xFE, 0xFF, 0, 0x61, 0, 0xE9];
        assert_eq!(decode("x.csv", &bytes).0, "aé");
    }

    #[test]
    fn utf8_bom_is_removed() {
        let (t, d) = decode("x.json", b"\xEF\xBB\xBF{}");
        assert_eq!(t, "{}");
        assert!(d.is_empty());
    }

    #[test]
    fn utf16le_without_bom_is_recognised() {
        let bytes: Vec<u8> = "code,name\n".bytes().flat_map(|b| [b, 0]).collect();
        let (t, d) = decode("x.csv", &bytes);
        assert_eq!(t, "code,name\n");
        assert_eq!(d[0].code, "encoding-guessed");
    }

    #[test]
    fn windows_1252_position_is_reported() {
        // Line 2 is "Caf\xE9": the bad byte is the 4th character of line 2.
        let (t, d) = decode("b.csv", b"name\nCaf\xE9\n");
        assert_eq!(t, "name\nCafé\n");
        assert_eq!((d[0].line, d[0].column), (Some(2), Some(4)));
        assert_eq!(
            d.len(),
            1,
            "no U+FFFD: Windows-1252 maps every byte used here"
        );
    }

    #[test]
    fn replacement_characters_in_utf8_are_reported_and_capped() {
        let text = "\u{FFFD}\n".repeat(7);
        let (_, d) = decode("r.csv", text.as_bytes());
        // 5 one by one, then a summary naming all 7.
        assert_eq!(d.len(), 6);
        assert_eq!(d[4].path, "r.csv line 5, column 1");
        assert!(d[5].message.contains("has 7 U+FFFD"));
    }

    #[test]
    fn windows_1252_high_bytes() {
        // The euro, curly quotes and dashes Excel writes; 0x81 is a C1 control, not U+FFFD.
        let (t, _) = decode("w.csv", b"\x80 \x93q\x94 \x96\x97 \x81 \x9F \xFF");
        assert_eq!(
            t,
            "\u{20AC} \u{201C}q\u{201D} \u{2013}\u{2014} \u{81} \u{178} \u{FF}"
        );
    }

    #[test]
    fn broken_utf16_is_replaced_and_reported() {
        // An unpaired high surrogate (D800) then 'a', and an odd last byte.
        let bytes = [0xFF, 0xFE, 0x00, 0xD8, 0x61, 0x00, 0x62];
        let (t, d) = decode("u.csv", &bytes);
        assert_eq!(t, "\u{FFFD}a\u{FFFD}");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].code, "replacement-character");
    }

    #[test]
    fn invalid_utf8_after_bom_is_replaced_per_subpart() {
        // WHATWG: E2 82 is one maximal subpart (one U+FFFD), then FF is another.
        let (t, _) = decode("x.csv", b"\xEF\xBB\xBFa\xE2\x82\xFFb");
        assert_eq!(t, "a\u{FFFD}\u{FFFD}b");
    }

    #[test]
    fn guessed_utf16_warning_names_the_encoding() {
        let bytes: Vec<u8> = "code,name\n".bytes().flat_map(|b| [0, b]).collect();
        let (t, d) = decode("x.csv", &bytes);
        assert_eq!(t, "code,name\n");
        assert!(
            d[0].message.contains("looks like UTF-16BE"),
            "{}",
            d[0].message
        );
    }

    proptest::proptest! {
        /// The small decoders read every byte string exactly as `encoding_rs` does.
        #[test]
        fn same_as_encoding_rs(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let ours = [
                decode_windows_1252(&bytes),
                Encoding::Utf16Le.decode(&bytes),
                Encoding::Utf16Be.decode(&bytes),
                Encoding::Utf8.decode(&bytes),
            ];
            let theirs = [
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes).0.into_owned(),
                encoding_rs::UTF_16LE.decode_without_bom_handling(&bytes).0.into_owned(),
                encoding_rs::UTF_16BE.decode_without_bom_handling(&bytes).0.into_owned(),
                encoding_rs::UTF_8.decode_without_bom_handling(&bytes).0.into_owned(),
            ];
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn too_large_is_an_error() {
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        let (t, d) = decode("big.json", &big);
        assert!(t.is_empty());
        assert!(d[0].is_error());
        assert!(d[0].message.contains("32 MB"));
    }
}
