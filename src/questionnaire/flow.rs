//! The order of an interactive questionnaire: which question comes next, going back
//! one question, the review of every answer before the result, changing an answer
//! there, and the counter (`[3/15]`).
//!
//! [`Flow`] is a state machine over [`Answers`]; the binary draws each [`Step`] with
//! inquire and reports what the user did (an answer, Esc, a choice in the review).
//! Nothing here reads a terminal, so the order is tested without one, and the PTY
//! tests compute the counters they expect from it.

use std::collections::BTreeSet;

use crate::model::{AnswerValue, Answers, Question, RuleSet};
use crate::questionnaire::applies;

/// An interactive run of the questionnaire.
///
/// The questions it asks (its *plan*) are those that apply given the answers so far
/// and were not answered before it started (`--answers`, `--set`, a resumed run). The
/// counter counts the plan, so it changes when an answer makes a question apply
/// (`estimate_cost = true` adds the workload questions) or stop applying.
#[derive(Debug, Clone)]
pub struct Flow<'r> {
    rules: &'r RuleSet,
    answers: Answers,
    /// Ids answered before the run: never asked, but listed in the review.
    preset: BTreeSet<String>,
    at: At,
    /// After a change chosen in the review: the questions asked since, so Esc goes
    /// back through them and then to the review.
    changing: Option<Vec<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// The question at this index of `rules.questions`.
    Question(usize),
    Review,
    Finished,
}

/// What to show next.
#[derive(Debug, Clone)]
pub enum Step<'a> {
    /// Ask one question.
    Ask(Ask<'a>),
    /// Show every answer and let the user change one or confirm them all.
    Review,
    /// The answers are complete and confirmed.
    Done,
}

/// A question to ask, with its place in the counter.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    /// The question.
    pub question: &'a Question,
    /// Its place among the questions this run asks, from 1.
    pub number: usize,
    /// How many questions this run asks, given the answers so far.
    pub total: usize,
    /// The answer it has (going back, or changing it in the review): the prompt starts
    /// from it.
    pub current: Option<&'a AnswerValue>,
    /// Where Esc leads from this question.
    pub esc: Esc,
}

/// Where Esc leads from a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Esc {
    /// To the previous question.
    Back,
    /// Back to the review (the question was chosen there).
    Review,
    /// Nowhere: at the first question, Esc asks whether to quit.
    Quit,
}

/// One line of the review.
#[derive(Debug, Clone)]
pub struct ReviewItem<'a> {
    /// The question.
    pub question: &'a Question,
    /// Its answer.
    pub value: &'a AnswerValue,
    /// Answered before this run (`--answers`, `--set`, a resumed run), not asked.
    pub preset: bool,
}

impl<'r> Flow<'r> {
    /// A run that asks what `answers` leaves open. It starts at the first question of
    /// its plan, or at the review when there is none.
    pub fn new(rules: &'r RuleSet, answers: Answers) -> Self {
        let preset = answers.iter().map(|(id, _)| id.to_owned()).collect();
        let mut flow = Flow { rules, answers, preset, at: At::Review, changing: None };
        flow.at = flow.plan().first().map_or(At::Review, |&i| At::Question(i));
        flow
    }

    /// Indices (into `rules.questions`) of the questions this run asks, in order. A
    /// question that depends on one not answered yet is judged on that question's default
    /// (`image_size` counts while `startup_latency` would default to "normal"), so the
    /// counter is right whenever the user keeps a default, and changes only when an
    /// answer really adds or removes questions.
    fn plan(&self) -> Vec<usize> {
        let assumed = crate::questionnaire::complete_with_defaults(self.rules, self.answers.clone()).answers;
        self.rules
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| !self.preset.contains(q.id.as_str()) && applies(q, &assumed))
            .map(|(i, _)| i)
            .collect()
    }

    /// The first question of the plan without an answer.
    fn first_unanswered(&self) -> Option<usize> {
        self.plan().into_iter().find(|&i| !self.answers.contains(&self.rules.questions[i].id))
    }

    /// What to show now.
    pub fn step(&self) -> Step<'_> {
        match self.at {
            At::Question(i) => {
                let plan = self.plan();
                let question = &self.rules.questions[i];
                let esc = match &self.changing {
                    Some(chain) if chain.len() <= 1 => Esc::Review,
                    Some(_) => Esc::Back,
                    None if plan.iter().any(|&p| p < i) => Esc::Back,
                    None => Esc::Quit,
                };
                Step::Ask(Ask {
                    question,
                    number: plan.iter().position(|&p| p == i).map_or(plan.len(), |p| p + 1),
                    total: plan.len(),
                    current: self.answers.get(&question.id),
                    esc,
                })
            }
            At::Review => Step::Review,
            At::Finished => Step::Done,
        }
    }

    /// Every answer so far, including those given before the run.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The answers, once the run is over (or interrupted).
    pub fn into_answers(self) -> Answers {
        self.answers
    }

    /// Answers the current question and moves on: to the next question of the plan,
    /// else the first one still unanswered, else the review. After a change chosen in
    /// the review, only unanswered questions follow before the review comes back.
    /// Answers to questions that stop applying are dropped.
    pub fn answer(&mut self, value: AnswerValue) {
        let At::Question(i) = self.at else { return };
        let before: Vec<bool> = self.rules.questions.iter().map(|q| applies(q, &self.answers)).collect();
        self.answers.set(self.rules.questions[i].id.clone(), value);
        self.drop_inapplicable(&before);
        let next = if self.changing.is_some() {
            self.first_unanswered()
        } else {
            self.plan().into_iter().find(|&p| p > i).or_else(|| self.first_unanswered())
        };
        self.at = next.map_or(At::Review, At::Question);
        if let (Some(chain), At::Question(next)) = (&mut self.changing, self.at) {
            chain.push(next);
        }
        if self.at == At::Review {
            self.changing = None;
        }
    }

    /// Removes the answers of questions that applied under the old answers (`before`,
    /// by question index) and no longer do; a removal can make more stop applying.
    fn drop_inapplicable(&mut self, before: &[bool]) {
        loop {
            let gone = self
                .rules
                .questions
                .iter()
                .enumerate()
                .find(|(i, q)| before[*i] && self.answers.contains(&q.id) && !applies(q, &self.answers));
            let Some((_, question)) = gone else { break };
            let id = question.id.clone();
            self.answers.remove(&id);
            self.preset.remove(id.as_str());
        }
    }

    /// Esc: goes back one question (from the review, to the last question). Returns
    /// `false` at the first question, where the user should be asked whether to quit.
    pub fn back(&mut self) -> bool {
        match self.at {
            At::Question(i) => {
                if let Some(chain) = &mut self.changing {
                    chain.pop();
                    self.at = chain.last().map_or(At::Review, |&p| At::Question(p));
                    if self.at == At::Review {
                        self.changing = None;
                    }
                    return true;
                }
                match self.plan().into_iter().rev().find(|&p| p < i) {
                    Some(previous) => {
                        self.at = At::Question(previous);
                        true
                    }
                    None => false,
                }
            }
            At::Review => match self.plan().last() {
                Some(&last) => {
                    self.at = At::Question(last);
                    true
                }
                None => false,
            },
            At::Finished => false,
        }
    }

    /// Every answer to a question that applies, in question order, for the review.
    pub fn review(&self) -> Vec<ReviewItem<'_>> {
        self.rules
            .questions
            .iter()
            .filter(|q| applies(q, &self.answers))
            .filter_map(|q| {
                self.answers.get(&q.id).map(|value| ReviewItem {
                    question: q,
                    value,
                    preset: self.preset.contains(q.id.as_str()),
                })
            })
            .collect()
    }

    /// In the review, the user chose to change the answer to `id`: ask it again (it
    /// joins the plan if it was answered before the run), then whatever it makes apply.
    pub fn change(&mut self, id: &str) {
        let Some(i) = self.rules.questions.iter().position(|q| q.id == id) else { return };
        self.preset.remove(id);
        self.changing = Some(vec![i]);
        self.at = At::Question(i);
    }

    /// In the review, the user confirmed the answers: done, unless a question of the
    /// plan is still unanswered (left with Esc after a change), which is asked first.
    pub fn confirm(&mut self) {
        self.at = match self.first_unanswered() {
            Some(i) => {
                self.changing = Some(vec![i]);
                At::Question(i)
            }
            None => At::Finished,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnswerValue::{Bool, Choice, Number};

    fn rules() -> RuleSet {
        crate::default_rules().unwrap_or_else(|e| panic!("{e}"))
    }

    fn ask<'a>(flow: &'a Flow<'_>) -> Ask<'a> {
        match flow.step() {
            Step::Ask(ask) => ask,
            other => panic!("expected a question, got {other:?}"),
        }
    }

    /// An answer a user could give: the current answer, the default, or the first
    /// option / the minimum.
    fn some_answer(question: &Question) -> AnswerValue {
        use crate::model::QuestionKind;
        question.default.clone().unwrap_or_else(|| match question.kind {
            QuestionKind::Single => Choice(question.options[0].id.to_string()),
            QuestionKind::Multi => AnswerValue::Choices(Vec::new()),
            QuestionKind::Bool => Bool(false),
            QuestionKind::Number => Number(question.range.as_ref().map_or(1.0, |r| r.min)),
        })
    }

    /// Answers for every question that applies (defaults assumed for those not answered),
    /// except the ones named, in question order.
    fn presets_except(rules: &RuleSet, except: &[&str]) -> Answers {
        let mut preset = Answers::new();
        for q in &rules.questions {
            let assumed = crate::questionnaire::complete_with_defaults(rules, preset.clone()).answers;
            if !except.contains(&q.id.as_str()) && applies(q, &assumed) {
                preset.set(q.id.clone(), some_answer(q));
            }
        }
        preset
    }

    #[test]
    fn the_counter_counts_what_applies_and_grows_when_the_estimate_is_wanted() {
        let rules = rules();
        let mut flow = Flow::new(&rules, Answers::new());
        let defaults = crate::questionnaire::complete_with_defaults(&rules, Answers::new()).answers;
        let without: Vec<&Question> = rules.questions.iter().filter(|q| applies(q, &defaults)).collect();
        let mut seen = Vec::new();
        while let Step::Ask(ask) = flow.step() {
            seen.push((ask.question.id.clone(), ask.number, ask.total));
            let value =
                if ask.question.id == super::super::ESTIMATE_COST { Bool(true) } else { some_answer(ask.question) };
            flow.answer(value);
        }
        let with = rules.questions.iter().filter(|q| applies(q, flow.answers())).count();
        assert!(with > without.len(), "the estimate adds questions");
        let estimate_at = seen.iter().position(|(id, _, _)| id == "estimate_cost").unwrap_or_else(|| panic!("asked"));
        for (k, (_, number, total)) in seen.iter().enumerate() {
            assert_eq!(*number, k + 1);
            let expected = if k <= estimate_at { without.len() } else { with };
            assert_eq!(*total, expected, "{seen:?}");
        }
        assert_eq!(seen.len(), with);
        assert!(matches!(flow.step(), Step::Review));
        flow.confirm();
        assert!(matches!(flow.step(), Step::Done));
    }

    #[test]
    fn esc_goes_back_one_question_and_keeps_the_answer_as_the_start() {
        let rules = rules();
        let mut flow = Flow::new(&rules, Answers::new());
        assert_eq!(ask(&flow).esc, Esc::Quit);
        assert!(!flow.back(), "the first question has nothing before it");
        flow.answer(Choice("production".into()));
        flow.answer(Choice("deep".into()));
        assert_eq!(ask(&flow).number, 3);
        assert!(flow.back());
        let back = ask(&flow);
        assert_eq!((back.question.id.as_str(), back.number), ("k8s_skill", 2));
        assert_eq!(back.current, Some(&Choice("deep".into())));
        flow.answer(Choice("basic".into()));
        assert_eq!(ask(&flow).number, 3);
        assert_eq!(flow.answers().get("k8s_skill"), Some(&Choice("basic".into())));
    }

    #[test]
    fn presets_are_not_asked_but_are_reviewed_and_can_be_changed() {
        let rules = rules();
        let preset = presets_except(&rules, &["k8s_in_use"]);
        let mut flow = Flow::new(&rules, preset);
        let first = ask(&flow);
        assert_eq!((first.question.id.as_str(), first.number, first.total), ("k8s_in_use", 1, 1));
        flow.answer(Choice("none".into()));
        assert!(matches!(flow.step(), Step::Review));
        let review = flow.review();
        assert_eq!(review.len(), rules.questions.iter().filter(|q| applies(q, flow.answers())).count());
        assert!(review.iter().all(|item| item.preset == (item.question.id != "k8s_in_use")));

        // Changing `estimate_cost` to yes asks the workload questions, then reviews.
        flow.change("estimate_cost");
        assert_eq!((ask(&flow).question.id.as_str(), ask(&flow).esc), ("estimate_cost", Esc::Review));
        flow.answer(Bool(true));
        let next = ask(&flow);
        assert_eq!((next.question.id.as_str(), next.number, next.esc), ("region", 3, Esc::Back));
        // Esc goes back to the changed question, then to the review.
        assert!(flow.back());
        assert_eq!(ask(&flow).question.id, "estimate_cost");
        assert!(flow.back());
        assert!(matches!(flow.step(), Step::Review));
        // Confirming asks what the change left unanswered.
        flow.confirm();
        assert_eq!(ask(&flow).question.id, "region");
        while let Step::Ask(ask) = flow.step() {
            let value = some_answer(ask.question);
            flow.answer(value);
        }
        assert!(matches!(flow.step(), Step::Review));
        assert!(flow.answers().contains("tasks"));

        // Changing it back drops the workload answers.
        flow.change("estimate_cost");
        flow.answer(Bool(false));
        assert!(matches!(flow.step(), Step::Review));
        assert!(!flow.answers().contains("region") && !flow.answers().contains("tasks"));
        flow.confirm();
        assert!(matches!(flow.step(), Step::Done));
    }

    #[test]
    fn esc_in_the_review_goes_to_the_last_question() {
        let rules = rules();
        let mut preset = presets_except(&rules, &["gpu", "windows"]);
        let mut flow = Flow::new(&rules, preset.clone());
        flow.answer(Bool(true));
        flow.answer(Bool(false));
        assert!(flow.back());
        assert_eq!(ask(&flow).question.id, "windows");

        // With nothing asked, there is nothing to go back to.
        preset.set("gpu", Bool(false));
        preset.set("windows", Bool(false));
        let mut flow = Flow::new(&rules, preset);
        assert!(matches!(flow.step(), Step::Review));
        assert!(!flow.back());
    }
}
