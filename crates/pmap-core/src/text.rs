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
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

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
        enc.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(enc) = utf16_without_bom(bytes) {
        diags.push(Diagnostic::warning(
            "encoding-guessed",
            file_name,
            format!(
                "{file_name} has no byte-order mark but looks like {}, so it was read as that",
                enc.name()
            ),
        ));
        enc.decode_without_bom_handling(bytes).0.into_owned()
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
                WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned()
            }
        }
    };
    warn_replacements(file_name, &text, &mut diags);
    (text, diags)
}

/// UTF-16 without a byte-order mark: among the first 1,000 byte pairs, most have exactly
/// one zero byte, always on the same side.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
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
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(UTF_16BE)
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
    let column = 1 + UTF_8.decode_without_bom_handling(tail).0.chars().count();
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
    fn too_large_is_an_error() {
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        let (t, d) = decode("big.json", &big);
        assert!(t.is_empty());
        assert!(d[0].is_error());
        assert!(d[0].message.contains("32 MB"));
    }
}
