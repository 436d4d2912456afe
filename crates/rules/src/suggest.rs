//! Near-miss suggestions for unknown ids (``did you mean `x`?``).

/// The candidate closest to `input`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(input, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_a_close_id_and_nothing_for_a_distant_one() {
        let ids = ["k8s_in_use", "k8s_skill", "gpu"];
        assert_eq!(did_you_mean("k8s_skil", &ids), Some("k8s_skill"));
        assert_eq!(did_you_mean("database", &ids), None);
    }
}
