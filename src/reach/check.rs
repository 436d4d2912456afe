//! The `pattern-never-wins` warning of `rules check`: a pattern that no answer set
//! recommends is dead weight, or a sign that its ratings or rules are off.
//!
//! A space of at most [`CHECK_EXHAUSTIVE_LIMIT`] answer sets is swept exhaustively, and
//! the warning is exact. Larger sweeps take seconds to minutes, too slow for a check, so
//! for those this one draws [`CHECK_SAMPLES`] answer sets. A pattern that wins one of them can win: that is
//! proof. For a pattern that wins none, a local search starts from the sampled answer
//! sets where it came closest and changes one answer at a time while its gap to the
//! winner shrinks; an answer set where it wins is again proof. Only a pattern that
//! neither finds is reported, as a warning that says how it was searched.

use std::cmp::Ordering;

use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;

use super::DEFAULT_SEED;
use super::space::{Role, Space, UNANSWERED};
use crate::diag::{Code, Diagnostic};
use crate::engine::{Evaluation, evaluate};
use crate::model::{Answers, RuleSet};
use crate::msg;

/// Spaces up to this many answer sets are swept exhaustively: the warning is then exact.
pub const CHECK_EXHAUSTIVE_LIMIT: u64 = 1_000_000;
/// Answer sets `rules check` draws from a larger space.
pub const CHECK_SAMPLES: u64 = 20_000;
/// Starting points of the local search per pattern.
const STARTS: usize = 8;
/// Rounds of one-answer changes per start.
const ROUNDS: usize = 8;

/// Patterns of `rules` that win neither a sampled answer set nor one a local search
/// reaches, as warnings.
pub fn never_wins(rules: &RuleSet) -> Vec<Diagnostic> {
    let space = Space::new(rules, &Answers::new());
    let size = space.count();
    if size <= CHECK_EXHAUSTIVE_LIMIT {
        let tally = super::exhaustive::sweep(rules, &space, 1);
        return (0..rules.patterns.len())
            .filter(|&p| tally.total[p] == 0)
            .map(|p| {
                let id = &rules.patterns[p].id;
                Diagnostic::warning(
                    Code::PatternNeverWins,
                    msg!(
                        "pattern `{id}` wins none of the {size} answer sets; it is never recommended",
                        "パターン `{id}` は {size} 通りの回答のどれでも推奨されません。推奨されることはありません"
                    ),
                )
                .with_help(help())
            })
            .collect();
    }
    let mut rng = ChaCha8Rng::seed_from_u64(DEFAULT_SEED);
    let patterns = rules.patterns.len();
    let mut won = vec![false; patterns];
    // Per pattern: the closest sampled answer sets (gap to the winner, states).
    let mut closest: Vec<Vec<(f64, Vec<u16>)>> = vec![Vec::new(); patterns];
    let mut drawn = 0;
    let mut attempts = CHECK_SAMPLES * 10_000;
    while drawn < CHECK_SAMPLES && attempts > 0 {
        attempts -= 1;
        let Some(states) = space.draw(&mut rng) else { continue };
        drawn += 1;
        let evaluation = evaluate(rules, &space.answers(rules, &states));
        if let Some(w) = evaluation.winner() {
            won[w.pattern] = true;
        }
        for p in (0..patterns).filter(|&p| !won[p]) {
            if let Some(gap) = gap(&evaluation, p) {
                let list = &mut closest[p];
                if list.len() < STARTS || list.last().is_some_and(|(g, _)| gap < *g) {
                    list.push((gap, states.clone()));
                    list.sort_by(|a, b| a.0.total_cmp(&b.0));
                    list.truncate(STARTS);
                }
            }
        }
    }
    let mut out = Vec::new();
    for p in (0..patterns).filter(|&p| !won[p]) {
        if closest[p].iter().any(|(_, start)| climbs_to_a_win(rules, &space, start.clone(), p)) {
            continue;
        }
        let id = &rules.patterns[p].id;
        let drawn = crate::i18n::thousands(drawn);
        out.push(
            Diagnostic::warning(
                Code::PatternNeverWins,
                msg!(
                    "pattern `{id}` wins none of {drawn} sampled answer sets, nor any that a local search from the closest of them reaches; it may never be recommended",
                    "パターン `{id}` は抽出した {drawn} 件の回答のどれでも推奨されず、最も近い回答からの局所探索でも推奨される回答が見つかりませんでした。推奨されることがない可能性があります"
                ),
            )
            .with_help(help()),
        );
    }
    out
}

fn help() -> crate::Message {
    msg!(
        "`container-advisor rules reach` shows where each pattern wins; check this one's ratings and the rules that should favour it",
        "`container-advisor rules reach` で各パターンが推奨される回答を確認できます。このパターンの評価値と、これを推すべきルールを見直してください"
    )
}

/// How far pattern `p` is behind the winner, in points; `None` when it is excluded
/// (or every pattern is).
fn gap(evaluation: &Evaluation, p: usize) -> Option<f64> {
    let top = evaluation.winner()?.score?;
    let own = evaluation.ranking.iter().find(|o| o.pattern == p)?.score?;
    Some(top - own)
}

/// Changes one swept answer at a time, keeping each change that brings `p` closer to
/// the top, until `p` wins (true) or no change helps.
pub(crate) fn climbs_to_a_win(rules: &RuleSet, space: &Space, mut states: Vec<u16>, p: usize) -> bool {
    let score = |states: &[u16]| {
        let evaluation = evaluate(rules, &space.answers(rules, states));
        let wins = evaluation.winner().is_some_and(|w| w.pattern == p);
        (wins, gap(&evaluation, p).unwrap_or(f64::INFINITY))
    };
    let (mut wins, mut best) = score(&states);
    for _ in 0..ROUNDS {
        let mut improved = false;
        for d in 0..space.slots.len() {
            if space.slots[d].role != Role::Swept || states[d] == UNANSWERED {
                continue;
            }
            for v in 1..=space.slots[d].values.len() as u16 {
                if wins {
                    return true;
                }
                let mut candidate = states.clone();
                candidate[d] = v;
                renormalise(space, &mut candidate);
                let (w, g) = score(&candidate);
                if w || g.total_cmp(&best) == Ordering::Less {
                    (wins, best, states) = (w, g, candidate);
                    improved = true;
                }
            }
        }
        if wins {
            return true;
        }
        if !improved {
            break;
        }
    }
    wins
}

/// Re-applies `ask_if` after a change: a question no longer asked loses its answer, a
/// question now asked takes its first value (or its default).
fn renormalise(space: &Space, states: &mut [u16]) {
    for d in 0..space.slots.len() {
        let (lo, hi) = space.choices(d, states);
        if lo == UNANSWERED && hi == UNANSWERED {
            states[d] = UNANSWERED;
        } else if states[d] < lo || states[d] > hi {
            states[d] = lo;
        }
    }
}
