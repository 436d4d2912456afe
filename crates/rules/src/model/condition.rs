//! Evaluates validated conditions over answers.

use crate::model::{AnswerValue, Answers, Comparison, Condition};

/// True when the condition holds for these answers. A comparison on a question
/// without an answer does not hold.
pub fn holds(condition: &Condition, answers: &Answers) -> bool {
    match condition {
        Condition::Is { q, value } => answers.get(q).is_some_and(|a| a == value),
        Condition::In { q, options } => {
            matches!(answers.get(q), Some(AnswerValue::Choice(c)) if options.iter().any(|o| o == c))
        }
        Condition::Contains { q, option } => {
            matches!(answers.get(q), Some(AnswerValue::Choices(c)) if c.iter().any(|o| o == option))
        }
        Condition::Compare { q, op, value } => match answers.get(q) {
            Some(AnswerValue::Number(n)) => match op {
                Comparison::Gte => n >= value,
                Comparison::Gt => n > value,
                Comparison::Lte => n <= value,
                Comparison::Lt => n < value,
            },
            _ => false,
        },
        Condition::Answered { q, yes } => answers.contains(q) == *yes,
        Condition::All(list) => list.iter().all(|c| holds(c, answers)),
        Condition::Any(list) => list.iter().any(|c| holds(c, answers)),
        Condition::Not(inner) => !holds(inner, answers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers() -> Answers {
        let mut a = Answers::new();
        a.set("gpu", AnswerValue::Bool(true));
        a.set("services", AnswerValue::Choice("some".into()));
        a.set("priorities", AnswerValue::Choices(vec!["cost".into()]));
        a.set("tasks", AnswerValue::Number(50.0));
        a
    }

    fn q(id: &str) -> crate::model::Str {
        id.into()
    }

    #[test]
    fn evaluates_every_form() {
        let a = answers();
        assert!(holds(&Condition::Is { q: q("gpu"), value: AnswerValue::Bool(true) }, &a));
        assert!(!holds(&Condition::Is { q: q("gpu"), value: AnswerValue::Bool(false) }, &a));
        assert!(holds(&Condition::In { q: q("services"), options: vec!["some".into(), "many".into()] }, &a));
        assert!(!holds(&Condition::In { q: q("services"), options: vec!["few".into()] }, &a));
        assert!(holds(&Condition::Contains { q: q("priorities"), option: "cost".into() }, &a));
        assert!(!holds(&Condition::Contains { q: q("priorities"), option: "learning".into() }, &a));
        assert!(holds(&Condition::Compare { q: q("tasks"), op: Comparison::Gte, value: 50.0 }, &a));
        assert!(!holds(&Condition::Compare { q: q("tasks"), op: Comparison::Gt, value: 50.0 }, &a));
        assert!(holds(&Condition::Compare { q: q("tasks"), op: Comparison::Lte, value: 50.0 }, &a));
        assert!(!holds(&Condition::Compare { q: q("tasks"), op: Comparison::Lt, value: 50.0 }, &a));
        assert!(holds(&Condition::Answered { q: q("tasks"), yes: true }, &a));
        assert!(holds(&Condition::Answered { q: q("region"), yes: false }, &a));
        assert!(holds(&Condition::All(vec![]), &a));
        assert!(!holds(&Condition::Any(vec![]), &a));
        assert!(!holds(&Condition::Not(Box::new(Condition::All(vec![]))), &Answers::new()));
    }

    #[test]
    fn comparisons_on_unanswered_questions_do_not_hold() {
        let empty = Answers::new();
        assert!(!holds(&Condition::Is { q: q("gpu"), value: AnswerValue::Bool(false) }, &empty));
        assert!(!holds(&Condition::Compare { q: q("tasks"), op: Comparison::Lt, value: 5.0 }, &empty));
        assert!(holds(
            &Condition::Not(Box::new(Condition::Is { q: q("gpu"), value: AnswerValue::Bool(true) })),
            &empty
        ));
    }
}
