//! Finds the line and column of JSON paths (`bodies[12].covers[3]`) in the original text,
//! so a diagnostic can say where to look in an editor.
//!
//! `serde_json::Value` keeps no positions, so this module re-scans the text once with a
//! small tokenizer that tracks the current path. It is only run when there are
//! diagnostics to place, and is linear in the size of the text.

use crate::diagnostic::Diagnostic;
use std::collections::HashMap;

/// Fills in `line`/`column` for every diagnostic whose path names a value in `text`.
/// Diagnostics that already have a position, or whose path is not found, are untouched.
pub fn attach_lines(text: &str, diags: &mut [Diagnostic]) {
    if diags.iter().all(|d| d.line.is_some()) {
        return;
    }
    let wanted: Vec<String> = diags
        .iter()
        .filter(|d| d.line.is_none())
        .map(|d| d.path.clone())
        .collect();
    let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let found = positions(text, &refs);
    for d in diags.iter_mut().filter(|d| d.line.is_none()) {
        if let Some(&(l, c)) = found.get(d.path.as_str()) {
            d.line = Some(l);
            d.column = Some(c);
        }
    }
}

#[derive(Clone)]
enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// Returns the 1-based (line, column) where each wanted path's value starts.
///
/// ```
/// use pmap_core::jsonpos::positions;
/// let text = "{\n \"bodies\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\"}\n ]\n}";
/// let found = positions(text, &["bodies[1].id"]);
/// assert_eq!(found["bodies[1].id"], (4, 10));
/// ```
pub fn positions<'a>(text: &str, wanted: &[&'a str]) -> HashMap<&'a str, (usize, usize)> {
    let mut out = HashMap::new();
    if wanted.is_empty() {
        return out;
    }
    let mut stack: Vec<Frame> = Vec::new();
    let (mut line, mut col) = (1usize, 1usize);
    let mut chars = text.chars().peekable();
    let mut expecting_key = false;

    // A set, not a scan of `wanted` per value: a large file can have thousands of
    // diagnostics, and a scan made this O(values × diagnostics).
    let set: std::collections::HashSet<&'a str> = wanted.iter().copied().collect();
    // Each value's path is written into one reused buffer: no allocation per value.
    let mut buf = String::new();
    let mut record =
        |stack: &[Frame], line: usize, col: usize, out: &mut HashMap<&'a str, (usize, usize)>| {
            use std::fmt::Write;
            buf.clear();
            for f in stack {
                match f {
                    Frame::Object { key: Some(k) } => {
                        if !buf.is_empty() {
                            buf.push('.');
                        }
                        buf.push_str(k);
                    }
                    Frame::Object { key: None } => {}
                    Frame::Array { index } => {
                        let _ = write!(buf, "[{index}]");
                    }
                }
            }
            if let Some(&w) = set.get(buf.as_str()) {
                out.entry(w).or_insert((line, col));
            }
        };

    while let Some(c) = chars.next() {
        // Every path found: the rest of the text cannot add anything.
        if out.len() == set.len() {
            break;
        }
        let (l0, c0) = (line, col);
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
        match c {
            '{' => {
                record(&stack, l0, c0, &mut out);
                stack.push(Frame::Object { key: None });
                expecting_key = true;
            }
            '[' => {
                record(&stack, l0, c0, &mut out);
                stack.push(Frame::Array { index: 0 });
                expecting_key = false;
            }
            '}' | ']' => {
                stack.pop();
                expecting_key = false;
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key }) => {
                    *key = None;
                    expecting_key = true;
                }
                None => {}
            },
            ':' => expecting_key = false,
            '"' => {
                let mut s = String::new();
                while let Some(d) = chars.next() {
                    col += 1;
                    match d {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                col += 1;
                                s.push(e);
                            }
                        }
                        '"' => break,
                        '\n' => {
                            line += 1;
                            col = 1;
                        }
                        other => s.push(other),
                    }
                }
                if expecting_key {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        *key = Some(s);
                    }
                    expecting_key = false;
                } else {
                    record(&stack, l0, c0, &mut out);
                }
            }
            c if c.is_whitespace() => {}
            _ => {
                // A scalar (number, true, false, null): record where it starts, then skip
                // the rest of it.
                record(&stack, l0, c0, &mut out);
                while let Some(&n) = chars.peek() {
                    if matches!(n, ',' | '}' | ']') || n.is_whitespace() {
                        break;
                    }
                    chars.next();
                    col += 1;
                }
            }
        }
    }
    out
}
