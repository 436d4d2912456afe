//! The text of every file read (rule files, answers files), so byte spans can be
//! turned into `file:line:col` for a diagnostic. It reads no file itself.

use std::fmt;

/// Identifies a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

#[derive(Clone)]
struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

/// The text of every file read, so positions can be turned into `line:col`.
#[derive(Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl fmt::Debug for SourceMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.files.iter().map(|s| &s.name)).finish()
    }
}

impl SourceMap {
    /// Records a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        self.files.push(SourceFile { name: name.into(), text, line_starts });
        FileId(self.files.len() - 1)
    }

    /// The name shown for a file (its path, or `<embedded>/…`).
    pub fn name(&self, file: FileId) -> &str {
        &self.files[file.0].name
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &str {
        &self.files[file.0].text
    }

    /// The lines a span covers, for a diagnostic: the 1-based number of the first line
    /// and the byte range from its start to the end of the span's last line — or of the
    /// first line only, when the span covers more than `max_lines` lines.
    pub fn excerpt(&self, file: FileId, span: &std::ops::Range<usize>, max_lines: usize) -> (usize, usize, usize) {
        let source = &self.files[file.0];
        let len = source.text.len();
        let line_of = |offset: usize| source.line_starts.partition_point(|&start| start <= offset.min(len)) - 1;
        let end_of_line = |line: usize| {
            source.line_starts.get(line + 1).map_or(len, |&next| next.saturating_sub(1)).max(source.line_starts[line])
        };
        let first = line_of(span.start);
        let mut last = line_of(span.end.saturating_sub(1).max(span.start));
        if last - first >= max_lines {
            last = first;
        }
        (first + 1, source.line_starts[first], end_of_line(last))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        let source = &self.files[file.0];
        let offset = offset.min(source.text.len());
        let line = source.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = source.line_starts[line];
        let column = source.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}
