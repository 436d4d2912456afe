//! The overlay: entries of later layers replace same-id entries of earlier ones.

use std::collections::HashMap;

use toml::Spanned;

use crate::diag::FileId;
use crate::diag::{Code, Diagnostic};
use crate::i18n::Message;
use crate::load::{Layer, ParsedFile};
use crate::model::raw::RawFile;
use crate::msg;

/// One entry of a rule file, with the file it came from.
pub(crate) struct Entry<'a, T> {
    pub(crate) file: FileId,
    pub(crate) layer: Layer,
    pub(crate) item: &'a Spanned<T>,
}

/// Merges one kind of entry across files: within a layer an id may appear once
/// (`duplicate-id`); a later layer replaces an earlier entry in place, or appends.
pub(crate) fn merge<'a, T>(
    files: &'a [ParsedFile],
    pick: impl Fn(&'a RawFile) -> &'a Vec<Spanned<T>>,
    key: impl Fn(&T) -> Spanned<String>,
    what: &Message,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry<'a, T>> {
    let mut merged: Vec<Entry<'a, T>> = Vec::new();
    // Position of each id in `merged`, so an overlay of many entries stays linear.
    let mut index: HashMap<String, usize> = HashMap::new();
    for parsed in files {
        for item in pick(&parsed.raw) {
            let id = key(item.get_ref());
            let entry = Entry { file: parsed.file, layer: parsed.layer, item };
            match index.get(id.get_ref()).map(|&i| &mut merged[i]) {
                Some(previous) if previous.layer == parsed.layer => {
                    let value = id.get_ref();
                    diagnostics.push(
                        Diagnostic::error(
                            Code::DuplicateId,
                            msg!("{what} `{value}` is defined twice", "{what} `{value}` が二重に定義されています"; what),
                        )
                        .at(parsed.file, id.span())
                        .with_help(msg!(
                            "ids must be unique within a rules directory; an overlay directory replaces ids of the defaults",
                            "ID はルールディレクトリの中で一意にしてください（既定のルールの ID はオーバーレイのディレクトリで置き換えられます）"
                        )),
                    );
                }
                Some(previous) => *previous = entry,
                None => {
                    index.insert(id.into_inner(), merged.len());
                    merged.push(entry);
                }
            }
        }
    }
    merged
}
