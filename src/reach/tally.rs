//! Counts of winners: overall, per state of every slot, and the first answer set each
//! pattern wins. Tallies of parts of the sweep merge into the tally of the whole.

use super::space::Space;

/// Who won an answer set: a pattern index, or `patterns` for "every pattern excluded".
pub(crate) type Outcome = usize;

/// Winner counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Number of outcomes: patterns + 1.
    pub(crate) outcomes: usize,
    /// Answer sets per outcome.
    pub(crate) total: Vec<u64>,
    /// Per slot, per state: answer sets per outcome, flattened `state · outcomes + outcome`.
    pub(crate) by_state: Vec<Vec<u64>>,
    /// Per pattern: the states of the first answer set it wins, in sweep order.
    pub(crate) examples: Vec<Option<Vec<u16>>>,
    /// Answer sets whose `cost` rating came from a price estimate.
    pub(crate) priced: u64,
}

impl Tally {
    /// An empty tally for a space and a number of patterns.
    pub(crate) fn new(space: &Space, patterns: usize) -> Self {
        let outcomes = patterns + 1;
        Tally {
            outcomes,
            total: vec![0; outcomes],
            by_state: space.slots.iter().map(|s| vec![0; (s.values.len() + 1) * outcomes]).collect(),
            examples: vec![None; patterns],
            priced: 0,
        }
    }

    /// Counts one answer set.
    pub(crate) fn add(&mut self, states: &[u16], outcome: Outcome) {
        self.total[outcome] += 1;
        for (slot, &state) in states.iter().enumerate() {
            self.by_state[slot][usize::from(state) * self.outcomes + outcome] += 1;
        }
        self.note_example(outcome, states);
    }

    /// Records the answer set as the pattern's example if it has none yet.
    pub(crate) fn note_example(&mut self, outcome: Outcome, states: &[u16]) {
        if let Some(slot @ None) = self.examples.get_mut(outcome) {
            *slot = Some(states.to_vec());
        }
    }

    /// Adds a tally of a later part of the sweep: counts add up, and examples found
    /// earlier stay.
    pub(crate) fn merge(&mut self, later: Tally) {
        for (a, b) in self.total.iter_mut().zip(&later.total) {
            *a += b;
        }
        for (row, other) in self.by_state.iter_mut().zip(&later.by_state) {
            for (a, b) in row.iter_mut().zip(other) {
                *a += b;
            }
        }
        for (mine, theirs) in self.examples.iter_mut().zip(later.examples) {
            if mine.is_none() {
                *mine = theirs;
            }
        }
        self.priced += later.priced;
    }

    /// Answer sets counted.
    pub(crate) fn answer_sets(&self) -> u64 {
        self.total.iter().sum()
    }
}
