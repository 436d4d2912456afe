//! The `questions` view: the questionnaire as a table, or as a commented answers
//! template (`--format toml`).

use crate::i18n::Lang;
use crate::model::RuleSet;
use crate::questionnaire::{self, allowed};
use crate::report::RenderOptions;
use crate::report::table::{cells, finish, new_table};

/// What `questions` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionsFormat {
    /// A terminal table of the questions.
    Table,
    /// A commented answers template that `recommend --answers` reads.
    Toml,
}

/// The questionnaire of a rule set, in one language.
#[derive(Debug, Clone, Copy)]
pub struct Questions<'a> {
    rules: &'a RuleSet,
    lang: Lang,
}

impl<'a> Questions<'a> {
    /// The questions of `rules`.
    pub fn new(rules: &'a RuleSet, lang: Lang) -> Self {
        Self { rules, lang }
    }

    /// The questionnaire in `format`.
    pub fn render(&self, format: QuestionsFormat, options: &RenderOptions) -> String {
        match format {
            QuestionsFormat::Table => self.table(options),
            QuestionsFormat::Toml => questionnaire::answers_template(self.rules, self.lang),
        }
    }

    fn table(&self, options: &RenderOptions) -> String {
        let lang = self.lang;
        let mut table = new_table(options);
        table.set_header(vec![
            lang.pick("Id", "ID"),
            lang.pick("Question", "質問"),
            lang.pick("Answers", "回答の形式"),
            lang.pick("Default", "既定値"),
        ]);
        for q in &self.rules.questions {
            let default = match (&q.default, q.optional) {
                _ if q.optional && questionnaire::needed_for_estimate(q) => {
                    lang.pick("(required when estimate_cost = true)", "（estimate_cost = true のとき必須）").to_owned()
                }
                (Some(d), _) => d.to_toml(),
                (None, true) => lang.pick("(optional)", "（省略可）").to_owned(),
                (None, false) => lang.pick("(required)", "（必須）").to_owned(),
            };
            table.add_row(cells([q.id.as_str(), q.text.get(lang), &allowed(q, lang), &default]));
        }
        finish(&format!("{table}\n"), options)
    }
}
