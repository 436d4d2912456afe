//! Every fixed word of the documents (Markdown, HTML, ADR) in one keyed catalogue: one
//! key, its English and its Japanese. The `labels!` pattern takes exactly one English
//! and one Japanese literal per key, so a missing translation does not compile.
//! Templates read them as `t.key` (`{{ t.ranking }}`).
//!
//! Japanese style: headings and table heads are nouns; sentences end in です・ます.

use serde::Serialize;

use crate::model::Lang;

macro_rules! labels {
    ($($key:ident: $en:literal / $ja:literal,)+) => {
        /// The labels of the documents in one language (`t` in the templates).
        #[derive(Debug, Serialize)]
        pub struct Labels {
            $(
                #[doc = concat!("English: \"", $en, "\"")]
                pub $key: &'static str,
            )+
        }

        const EN: Labels = Labels { $($key: $en,)+ };
        const JA: Labels = Labels { $($key: $ja,)+ };

        impl Labels {
            /// Every label with its key (the field name, as it serialises), in
            /// declaration order.
            pub fn entries(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
                [$((stringify!($key), self.$key),)+].into_iter()
            }
        }
    };
}

impl Labels {
    /// The labels in one language.
    pub fn get(lang: Lang) -> &'static Labels {
        match lang {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

labels! {
    // Punctuation that differs between the languages.
    lp: " (" / "（",
    rp: ")" / "）",
    colon: ": " / ": ",
    comma: ", " / "、",
    semicolon: "; " / "。",
    period: "." / "。",
    gap: " " / "",
    // Titles.
    title_recommend: "Container platform recommendation" / "コンテナ基盤の推奨",
    title_compare: "Container platform patterns compared" / "コンテナ基盤パターンの比較",
    title_versus: "What changes between two answer sets" / "2 つの回答の比較",
    title_cost: "Monthly cost estimate" / "月額コストの試算",
    // The recommendation.
    recommended: "Recommended:" / "推奨:",
    score_word: "score" / "スコア",
    no_recommendation: "No recommendation: every pattern is excluded by a hard constraint." /
        "推奨なし: すべてのパターンが制約により除外されました。",
    // Section headings.
    robustness: "How sure is this?" / "推奨の確かさ",
    cost_estimate: "Monthly cost estimate (USD)" / "月額コストの試算（USD）",
    ranking: "Ranking" / "ランキング",
    excluded_patterns: "Excluded patterns" / "除外されたパターン",
    ratings: "Ratings by criterion" / "評価軸ごとの評価",
    explain: "How every point is computed" / "スコアの内訳",
    notes: "Notes for the review" / "レビューで確認すべき点",
    rules_changed: "Rules that changed the result" / "結果を変えたルール",
    advice: "Advice" / "助言",
    rules_fired: "Rules that fired" / "適用されたルール",
    cost_details: "Cost details" / "コストの詳細",
    answers: "Answers" / "回答",
    sources: "Sources" / "出典",
    // Sub-headings.
    flips: "What would change the recommendation" / "推奨が変わる条件",
    weights: "Weights" / "重み",
    weights_long: "Weights: base × the factors of the rules that fired" / "重み: 基本値 × 適用されたルールの係数",
    cost_lines: "Cost lines" / "コストの内訳",
    ec2_plan: "EC2 plan and break-even" / "EC2 の構成と損益分岐点",
    cost_notes: "Cost notes" / "コストに関する注記",
    price_sources: "Price sources" / "価格の出典",
    reasons_and_sources: "Reasons and sources" / "理由と出典",
    answers_differ: "Answers that differ" / "異なる回答",
    ranking_and_scores: "Ranking and scores" / "順位とスコア",
    rules_only_b: "Rules that fire only in B" / "B でだけ適用されるルール",
    rules_only_a: "Rules that fire only in A" / "A でだけ適用されるルール",
    // Table heads.
    rank: "Rank" / "順位",
    pattern: "Pattern" / "パターン",
    score: "Score" / "スコア",
    wins_in: "Wins in" / "首位になる割合",
    criterion: "Criterion" / "評価軸",
    weight: "Weight" / "重み",
    weight_change: "Weight change" / "重みの変化",
    new_winner: "New winner" / "逆転するパターン",
    base: "Base" / "基本値",
    factors: "Factors" / "係数",
    share: "Share" / "割合",
    changes: "Changes" / "増減",
    changes_long: "Changes (rule: reason)" / "増減（ルール: 理由）",
    rating: "Rating" / "評価",
    points: "Points" / "寄与",
    question: "Question" / "質問",
    answer: "Answer" / "回答",
    usd_month: "USD/month" / "USD/月",
    capacity: "Capacity" / "キャパシティ",
    line: "Line" / "項目",
    source: "Source" / "出典",
    reason: "Reason" / "理由",
    changed_by: "Changed by" / "増減したルール",
    change: "Change" / "差",
    recommendation: "Recommendation" / "推奨",
    // Words in cells and lines.
    excluded: "excluded" / "除外",
    is_excluded: "is excluded" / "は除外",
    excluded_paren: " (excluded)" / "（除外）",
    excluded_points: "excluded: points not counted" / "除外: 寄与は計上しない",
    defaulted: "(default)" / "（既定値）",
    source_word: "source" / "出典",
    none: "None." / "なし。",
    none_word: "none" / "なし",
    all_patterns: "all" / "すべて",
    points_word: "points" / "ポイント",
    effect: "effect on the margin" / "首位との差への影響",
    clamped: "(clamped to 1..5)" / "（1〜5 に丸め）",
    concerns: "concerns" / "対象",
    note_risk: "Risk" / "リスク",
    note_mitigation: "Mitigation" / "緩和策",
    note_consider: "Consider" / "検討",
    rule_set: "rule set" / "ルールセット",
    // Sentences.
    scale: "1 is worst, 5 is best; the change from the base rating is in brackets." /
        "1 が最低、5 が最高です。括弧内はルールによる増減です。",
    points_formula: "Points = 100 × weight × (rating − 1) / (4 × total weight); a pattern's points add up to its score. ($): a rating from the cost estimate." /
        "寄与 = 100 × 重み × (評価 − 1) / (4 × 重みの合計) です。各パターンの寄与の合計がスコアになります。($) は見積もりから求めた評価です。",
    money_rating: "The cost rating comes from the estimate alone: 1 + 4 × cheapest / monthly." /
        "コストの評価は見積もりだけから求めています（1 + 4 × 最安 / 月額）。",
    margin_before: "Margin over the runner-up:" / "2 位との差:",
    margin_after: "points." / "ポイントです。",
    shares_from: "Shares from" / "割合は",
    weightings: "weightings" / "通りの重み付けから求めています",
    compare_weighted: "Weighted by your answers: final ratings, weights and points." /
        "回答に基づく重み付け後の評価、重み、寄与です。",
    compare_base: "Base ratings of the rules, before any answers (1 is worst, 5 is best)." /
        "回答を反映する前のルールの基本評価です（1 が最低、5 が最高）。",
    rating_points: "Rating (points of the score)." / "評価（スコアへの寄与）です。",
    versus_unchanged: "No change. Recommendation in both:" / "変化はありません。どちらも推奨は",
    versus_changes: "The recommendation changes" / "推奨が変わります",
    versus_stays: "The recommendation stays" / "推奨は変わりません",
    versus_unchanged_end: "." / "です。",
    // The chart.
    chart_title: "Ratings by criterion and pattern (1 is worst, 5 is best)" /
        "評価軸・パターンごとの評価（1 が最低、5 が最高）",
    chart_description: "Grouped bars: one group per criterion, one bar per pattern, longer is better. Faded, dashed bars belong to excluded patterns." /
        "評価軸ごとにパターン別の棒を並べています。長いほど良い評価です。薄い破線の棒は除外されたパターンです。",
    chart_axis: "Rating (1 worst – 5 best)" / "評価（1 が最低、5 が最高）",
    // The terminal result.
    no_recommendation_short: "No recommendation" /
        "推奨なし",
    rule_set_heading: "Rule set" /
        "ルールセット",
    status: "Status" /
        "状態",
    how_sure_is_this: "How sure is this?" /
        "この推奨の確かさ",
    overtakes_the_recommendation_first_when: "Overtakes the recommendation first when" /
        "最初に推奨を逆転する条件",
    the_recommendation: "(the recommendation)" /
        "（推奨）",
    ratings_by_criterion_scale: "Ratings by criterion (1 worst – 5 best; change from base in brackets)" /
        "評価軸ごとの評価（1 が最低、5 が最高。括弧内はルールによる増減）",
    rule: "Rule" /
        "ルール",
    rules_changed_by_effect: "Rules that changed the result (by their effect on the margin, in points)" /
        "結果を変えたルール（推奨と 2 位との差への影響順、単位はポイント）",
    none_parenthesised: "(none)" /
        "（なし）",
    effect_column: "Effect" /
        "影響",
    advice_explained: "Advice (rules that fired without changing the result)" /
        "助言（結果を変えずに適用されたルール）",
    kind: "Kind" /
        "種別",
    patterns: "Patterns" /
        "対象",
    note: "Note" /
        "内容",
    compare_weighted_intro: "Weighted by your answers: rating (points of the score)." /
        "回答に基づく重み付けです: 評価（スコアへの寄与）。",
    compare_base_intro: "Base ratings before any answers: 1 is worst, 5 is best." /
        "回答を反映する前の基本評価です（1 が最低、5 が最高）。",
    see_everything: "Everything (scores, rules, sources): --explain · a document for the review: --format markdown -o review.md" /
        "すべてのスコア・ルール・出典は --explain で、レビュー用の文書は --format markdown -o review.md で出力できます。",
    wins_in_short: "Wins in" /
        "首位率",
    not_priced: "not priced" /
        "試算なし",
    ruled_out: "Ruled out" /
        "除外",
    excluded_not_counted: "excluded (contributions not counted)" /
        "除外（寄与は計上しません）",
    changes_rule: "Changes (rule)" /
        "増減（ルール）",
    cost_rating_formula: "Cost rating from the estimate: 1 + 4 × cheapest / monthly" /
        "見積もりによるコストの評価: 1 + 4 × 最安 / 月額",
    // The terminal result.
    no_change_recommendation_in_both: "No change. Recommendation in both" /
        "変化はありません。両方の推奨",
    exhaustive: "exhaustive" /
        "全数",
    answer_sets: "answer sets" /
        "通りの回答",
    sampled: "sampled" /
        "標本",
    seed: "seed" /
        "シード",
    no_winner_every_pattern_excluded: "(no winner: every pattern excluded)" /
        "（推奨なし: すべてのパターンが除外）",
    warning: "warning" /
        "警告",
    wins_none_of_the_answer: "wins none of the answer sets: it is never recommended." /
        "はどの回答でも推奨されません。",
    wins_none_of_the_sampled: "wins none of the sampled answer sets: it may never be recommended." /
        "は標本のどの回答でも推奨されません。推奨されることがない可能性があります。",
    id: "Id" /
        "ID",
    wins: "Wins" /
        "推奨回数",
    answer_sets_heading: "Answer sets" /
        "回答数",
    win_share_per_answer: "Win share per answer" /
        "回答ごとの推奨割合",
    fired_but_never_changed_the: "Fired but never changed the order or the exclusions" /
        "発火しましたが、順位も除外も変えませんでした",
    never_fired: "Never fired" /
        "一度も発火しませんでした",
    each_rule_that_fired_was: "(each rule that fired was removed and the answer set evaluated again; rules that only add notes are not tried)" /
        "（発火したルールを一つずつ外して評価し直しました。注記だけのルールは対象外です）",
    win_share_over_all_answer: "Win share over all answer sets" /
        "全回答に対する推奨割合",
    first_answer_set_each_pattern: "First answer set each pattern wins (swept answers)" /
        "各パターンが最初に推奨された回答（試した質問のみ）",
    reach_of_the_rules: "Reach of the rules" /
        "ルールの到達範囲",
    swept: "Swept" /
        "全値を試した質問",
    asked_only_when_its_ask: "* asked only when its `ask_if` holds; elsewhere it stays unanswered (\"(not asked)\")." /
        "* は `ask_if` が成り立つときだけ質問され、それ以外は未回答（「(not asked)」）です。",
    pinned: "Pinned" /
        "固定した回答",
    not_swept_no_rule_that: "Not swept (no rule that scores reads them; default where asked)" /
        "試していない質問（採点に関わるルールが読まないため、質問される場合は既定値）",
    not_swept_numbers_default_where: "Not swept (numbers; default where asked)" /
        "試していない数値の質問（質問される場合は既定値）",
    cost_is_the_qualitative_rating: "Cost is the qualitative rating: no workload is answered, so no estimate is priced." /
        "コストは定性的な評価値です。ワークロードを回答しないため、料金の見積もりは使いません。",
    answer_sets_whose_cost_rating: "Answer sets whose cost rating came from a price estimate" /
        "コストの評価値を料金の見積もりから求めた回答",
    not_asked: "(not asked)" /
        "（質問なし）",
    none_chosen: "(none chosen)" /
        "（選択なし）",
    in_the_set: " (in the set)" /
        " を含む",
    rules_that_never_change_a: "Rules that never change a ranking" /
        "順位を一度も変えないルール",
    criteria: "Criteria" /
        "評価軸",
    meaning: "Meaning" /
        "意味",
    base_ratings: "Base ratings" /
        "基本評価",
    rules: "Rules" /
        "ルール",
    when_effects: "When → effects" /
        "条件 → 効果",
    prices_pricing_toml: "Prices (pricing.toml)" /
        "価格（pricing.toml）",
    region: "Region" /
        "リージョン",
    item: "Item" /
        "項目",
    value: "Value" /
        "値",
    as_of_source: "As of / source" /
        "時点／出典",
    title: "Title" /
        "タイトル",
    published_read: "Published / read" /
        "公開日／参照日",
    container_advisor_what_the_rules: "container-advisor: what the rules know" /
        "container-advisor のルール一覧",
    when: "When" /
        "条件",
    as_of: "As of" /
        "時点",
    confidence: "Confidence" /
        "信頼度",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_label() {
        let (en, ja) = (serde_json::to_value(Labels::get(Lang::En)), serde_json::to_value(Labels::get(Lang::Ja)));
        let (Ok(serde_json::Value::Object(en)), Ok(serde_json::Value::Object(ja))) = (en, ja) else {
            panic!("labels serialise to objects");
        };
        assert_eq!(en.keys().collect::<Vec<_>>(), ja.keys().collect::<Vec<_>>());
        // Japanese needs no space between sentences (`gap`); every other label has text.
        assert!(en.values().all(|v| v.as_str().is_some_and(|s| !s.is_empty())));
        assert!(ja.iter().all(|(k, v)| k == "gap" || v.as_str().is_some_and(|s| !s.is_empty())));
    }
}
