//! Regressions for defects new users reported (wrong answers, panics and
//! silent data loss), one test or group per report. Each expected value is
//! worked by hand in a comment.
#![allow(
    clippy::float_cmp,
    reason = "the expected scores are exact in binary (0, 25, 37.5, 50, 62.5, 75, 100)"
)]

use carekit::metrics::{CesPolarity, peak_end};
use carekit::*;
use chrono::{DateTime, TimeZone, Utc};

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap()
}

// ------------------------------------------------------------ peak-end polarity

#[test]
fn peak_end_reads_a_lower_is_easier_ces_the_right_way_round() {
    let c = CustomerId::new("c-1").unwrap();
    let effort = RatingScale::new(1, 5).unwrap();
    let ces = |v| Answer::from(CesRating::new(v, effort).unwrap());
    // "How much effort did it take?" 1 = very low effort: the best answer.
    // Turned around: (5 − 1) / (5 − 1) · 100 = 100.
    let best = [Feedback::builder(c.clone(), day(1), ces(1)).build()];
    let pe = peak_end(&best, &c, .., CesPolarity::LowerIsEasier).unwrap();
    assert_eq!((pe.peak(), pe.end(), pe.score()), (100.0, 100.0, 100.0));
    // 5 = very high effort, the worst: (5 − 5) / 4 · 100 = 0.
    let worst = [Feedback::builder(c.clone(), day(1), ces(5)).build()];
    let pe = peak_end(&worst, &c, .., CesPolarity::LowerIsEasier).unwrap();
    assert_eq!(pe.score(), 0.0);
    // Mixed with CSAT: CES 2 on day 1 → (5 − 2) / 4 · 100 = 75 (extremity
    // 25); CSAT 3 on 1..=5 on day 2 → 50 (extremity 0), the end. Peak 75,
    // score (75 + 50) / 2 = 62.5.
    let mixed = [
        Feedback::builder(c.clone(), day(1), ces(2)).build(),
        Feedback::builder(c.clone(), day(2), CsatRating::on_default_scale(3).unwrap()).build(),
    ];
    let pe = peak_end(&mixed, &c, .., CesPolarity::LowerIsEasier).unwrap();
    assert_eq!((pe.peak(), pe.end(), pe.score()), (75.0, 50.0, 62.5));
    assert_eq!(pe.ces_polarity(), CesPolarity::LowerIsEasier);
    // The same answers on a higher-is-easier survey: CES 2 → 25.
    let pe = peak_end(&mixed, &c, .., CesPolarity::HigherIsEasier).unwrap();
    assert_eq!((pe.peak(), pe.score()), (25.0, 37.5));
}

// ------------------------------------------------------------ SLA clock label

#[test]
fn a_business_target_measured_on_calendar_time_says_calendar_time() {
    use carekit::calendar::CalendarTime;
    use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, Target, TargetKind, TimeBasis};
    use chrono::TimeDelta;
    let t = |h| Utc.with_ymd_and_hms(2024, 3, 9, h, 0, 0).unwrap(); // a Saturday
    // A 4h business-time first-reply target (the default basis), evaluated
    // with CalendarTime as the business clock: every hour counts.
    let book = SlaBook::new(vec![
        SlaPolicy::new(
            "std",
            Conditions::any(),
            vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(4)).unwrap()],
        )
        .unwrap(),
    ])
    .unwrap();
    let case = Interaction::builder(
        InteractionId::new("T-1").unwrap(),
        CustomerId::new("c").unwrap(),
        Channel::Email,
        t(9),
    )
    .build()
    .unwrap();
    let eval = book
        .evaluate(&case, &SlaContext::new(), t(15), &CalendarTime)
        .unwrap();
    let fr = eval.target(TargetKind::FirstReply).unwrap();
    // 09:00 → 15:00 on a Saturday is 6 h of calendar time: breached by
    // 6 − 4 = 2 h at the 13:00 deadline.
    assert_eq!(fr.counted(), TimeDelta::hours(6));
    assert_eq!(fr.deadline(), Some(t(13)));
    assert_eq!(fr.basis(), TimeBasis::Business);
    assert_eq!(fr.clock(), TimeBasis::Calendar);
    let reason = fr.to_string();
    assert!(!reason.contains("business time"), "{reason}");
    assert_eq!(
        reason,
        "first reply due 2024-03-09T13:00:00Z (4h calendar time: a business-time target \
         measured without a business calendar); breached by 2h, still running at 2024-03-09T15:00:00Z"
    );
    let json = serde_json::to_value(&eval).unwrap();
    assert_eq!(json["targets"][0]["basis"], "business");
    assert_eq!(json["targets"][0]["clock"], "calendar");
}

// ------------------------------------------------------------ weighted NPS overflow

#[test]
fn weighted_nps_refuses_weights_whose_sum_overflows() {
    use carekit::metrics::{MetricsError, WeightedNps};
    let overflow = |sum| {
        Error::Metrics(MetricsError::WeightSumOverflow {
            accumulator: "weighted nps",
            sum,
        })
    };
    // 1e308 + 1e308 = 2e308 > f64::MAX ≈ 1.798e308: the total overflows.
    let mut w = WeightedNps::default();
    assert_eq!(
        w.extend_u8(&[9, 0], &[1e308, 1e308]),
        Err(overflow("total weight"))
    );
    assert_eq!(w, WeightedNps::default(), "a refused column adds nothing");
    // Each of 1e200 and its sum 2e200 are finite, but 1e200² = 1e400 is not.
    assert_eq!(
        w.extend_u8(&[9, 0], &[1e200, 1e200]),
        Err(overflow("sum of squared weights"))
    );
    // One answer at a time: a weight of 1e200 is refused at once (its
    // square, 1e400, overflows Σw²) and nothing changes.
    let mut pushed = WeightedNps::default();
    assert_eq!(
        pushed.push((NpsScore::new(9).unwrap(), Weight::new(1e200).unwrap())),
        Err(overflow("sum of squared weights"))
    );
    assert_eq!(pushed, WeightedNps::default());
    // Two stored halves whose totals add past f64::MAX (1e308 + 1e308):
    // the merge is refused and leaves the accumulator as it was.
    let half: WeightedNps = serde_json::from_str(
        r#"{"config": {"detractor_max": 6, "promoter_min": 9}, "n": 1,
            "detractors": {"sum": 0.0, "compensation": 0.0},
            "passives": {"sum": 0.0, "compensation": 0.0},
            "promoters": {"sum": 1e308, "compensation": 0.0},
            "squares": {"sum": 1e300, "compensation": 0.0}}"#,
    )
    .unwrap();
    let mut into = half.clone();
    assert_eq!(into.merge(&half), Err(overflow("total weight")));
    assert_eq!(into, half);
    // Large but representable sums still give the right answer. A stored
    // state with W_P = 1e307, passives 1e307, W = 2e307:
    // NPS = 100 · 1e307 / 2e307 = 50, though 100 · 1e307 alone overflows.
    let stored: WeightedNps = serde_json::from_str(
        r#"{"config": {"detractor_max": 6, "promoter_min": 9}, "n": 2,
            "detractors": {"sum": 0.0, "compensation": 0.0},
            "passives": {"sum": 1e307, "compensation": 0.0},
            "promoters": {"sum": 1e307, "compensation": 0.0},
            "squares": {"sum": 1e300, "compensation": 0.0}}"#,
    )
    .unwrap();
    assert_eq!(stored.score(), Some(50.0));
    let mut big = WeightedNps::default();
    big.extend_u8(&[10, 8], &[1e150, 1e150]).unwrap();
    assert_eq!(big.score(), Some(50.0)); // 100 · (1e150 − 0) / 2e150
    // n_eff = (2e150)² / (2 · 1e300) = 2, though (2e150)² is finite; with
    // a million weights of 1e150 (Σw)² = 1e312 overflows but
    // n_eff = (1e156)² / (1e6 · 1e300) = 1e6.
    assert_eq!(big.effective_n(), Some(2.0));
    let mut many = WeightedNps::default();
    many.extend_u8(&vec![9; 1_000_000], &vec![1e150; 1_000_000])
        .unwrap();
    let n_eff = many.effective_n().unwrap();
    assert!((n_eff - 1e6).abs() < 1e-3, "{n_eff}");
}

// ------------------------------------------------------------ conformance runner on hostile numbers

/// Runs a one-case vector file through the conformance runner and returns
/// its one line as JSON.
fn run_one(kind: &str, input: &str) -> serde_json::Value {
    let file = format!(r#"{{"cases": [{{"id": "c", "kind": "{kind}", "input": {input}}}]}}"#);
    let lines = super::conformance::runner::run_file(&file).unwrap();
    assert_eq!(lines.len(), 1, "{lines:?}");
    serde_json::from_str(&lines[0]).unwrap()
}

#[test]
fn the_runner_answers_huge_business_time_additions_with_an_error_line() {
    let calendar = r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]]}}"#;
    // TimeDelta holds ±i64::MAX milliseconds: ±9_223_372_036_854_775 s.
    // One second more, 9.3e15 written out, and i64::MIN were panics.
    for seconds in [
        "9223372036854776",
        "-9223372036854776",
        "9300000000000000",
        "9223372036854775807",
        "-9223372036854775808",
    ] {
        let line = run_one(
            "business_time_add",
            &format!(
                r#"{{"calendar": {calendar}, "start": "2024-03-04T09:00:00Z", "seconds": {seconds}}}"#
            ),
        );
        let error = line["error"].as_str().unwrap_or_else(|| panic!("{line}"));
        assert!(
            error.starts_with(&format!("input.seconds: {seconds} is outside the range")),
            "{error}"
        );
    }
    // The largest duration itself is a library answer (beyond the
    // calendar's supported range), not a runner error.
    let line = run_one(
        "business_time_add",
        &format!(
            r#"{{"calendar": {calendar}, "start": "2024-03-04T09:00:00Z", "seconds": 9223372036854775}}"#
        ),
    );
    assert!(line["error"].is_string(), "{line}");
    assert!(!line["error"].as_str().unwrap().starts_with("input.seconds"));
}

// ------------------------------------------------------------ duplicate JSON keys

fn policy_json(extra: &str) -> String {
    format!(
        r#"{{"version": "v", "effective_from": "2024-01-01T00:00:00Z", "currency": "EUR",
            "levels": ["agent", "senior"], {extra}}}"#
    )
}

#[test]
fn a_key_given_twice_in_a_serialised_map_is_an_error_not_the_last_value() {
    use carekit::compensation::Policy;
    use carekit::sla::SlaAttainment;
    // Tier multipliers: "gold" twice (1.5, then 3). A plain map kept 3.
    let err = serde_json::from_str::<Policy>(&policy_json(
        r#""tier_multipliers": {"gold": "1.5", "silver": "1.2", "gold": "3"}"#,
    ))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"tier_multipliers: key "gold" is given twice"#),
        "{err}"
    );
    // Approval thresholds: "agent" twice.
    let err = serde_json::from_str::<Policy>(&policy_json(
        r#""approval_thresholds": {"agent": {"amount": "10", "currency": "EUR"},
                                   "agent": {"amount": "99", "currency": "EUR"}}"#,
    ))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"approval_thresholds: key "agent" is given twice"#),
        "{err}"
    );
    // Without the repeat both read (the check adds no false alarm).
    let ok = serde_json::from_str::<Policy>(&policy_json(
        r#""tier_multipliers": {"gold": "1.5", "silver": "1.2"},
           "approval_thresholds": {"agent": {"amount": "10", "currency": "EUR"}}"#,
    ));
    assert!(ok.is_ok(), "{ok:?}");
    // SLA attainment counts: a kind given twice would drop the first counts.
    let err = serde_json::from_str::<SlaAttainment>(
        r#"{"first_reply": {"achieved": 9, "breached": 1}, "first_reply": {"achieved": 1, "breached": 0}}"#,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"attainment: key "first_reply" is given twice"#),
        "{err}"
    );
    // Calendar special hours keep their own error through the same reader.
    let err = serde_json::from_str::<CalendarSpec>(
        r#"{"week": {"mon": [["09:00", "17:00"]]},
            "special": {"2024-12-24": [["09:00", "13:00"]], "2024-12-24": [["10:00", "11:00"]]}}"#,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("special hours for 2024-12-24 are given twice"),
        "{err}"
    );
    // Struct fields given twice are refused too (serde's own check).
    let err = serde_json::from_str::<Policy>(&policy_json(r#""currency": "USD""#)).unwrap_err();
    assert!(
        err.to_string().starts_with("duplicate field `currency`"),
        "{err}"
    );
}

#[test]
fn the_runner_answers_a_case_with_a_repeated_key_with_an_error_line() {
    // Case "a" repeats "scores" (the first list has 3 promoters, the second
    // 3 detractors); case "b" is clean: NPS of [10, 9, 0] = 100 · (2 − 1) / 3.
    let file = r#"{"cases": [
        {"id": "a", "kind": "nps", "input": {"scores": [10, 10, 10], "scores": [0, 0, 0]}},
        {"id": "b", "kind": "nps", "input": {"scores": [10, 9, 0]}},
        {"id": "c", "kind": "compensation", "input": {"policy": {"tier_multipliers": {"gold": "1", "gold": "2"}}}}
    ]}"#;
    let lines: Vec<serde_json::Value> = super::conformance::runner::run_file(file)
        .unwrap()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0],
        serde_json::json!({"id": "a", "error": "input: key \"scores\" is given twice"})
    );
    assert!((lines[1]["output"]["score"].as_f64().unwrap() - 100.0 / 3.0).abs() < 1e-12);
    assert_eq!(
        lines[2]["error"],
        "input.policy.tier_multipliers: key \"gold\" is given twice"
    );
    // Outside any case, the file itself is refused.
    let err = super::conformance::runner::run_file(r#"{"cases": [], "cases": []}"#).unwrap_err();
    assert_eq!(err, "key \"cases\" is given twice");
}

// ------------------------------------------------------------ fingerprint as text

#[test]
fn a_fingerprint_travels_as_hex_text_that_doubles_cannot_round() {
    use carekit::compensation::{CompensationError, Fingerprint};
    // 0xcbf29ce484222325 = 14695981039346656037 > 2^53 = 9007199254740992:
    // as a JSON number a double-based reader keeps 14695981039346655232.
    let f = Fingerprint::from_u64(0xcbf2_9ce4_8422_2325);
    let json = serde_json::to_string(&f).unwrap();
    assert_eq!(json, r#""cbf29ce484222325""#);
    // What a JavaScript service would do with it: read, write back.
    let as_double: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(as_double, serde_json::json!("cbf29ce484222325"));
    let back: Fingerprint = serde_json::from_value(as_double).unwrap();
    assert_eq!(back, f);
    // Upper case, and the 0.1.0 integer form, read back too.
    assert_eq!(
        serde_json::from_str::<Fingerprint>(r#""CBF29CE484222325""#).unwrap(),
        f
    );
    assert_eq!(
        serde_json::from_str::<Fingerprint>("14695981039346656037").unwrap(),
        f
    );
    // Anything else is a named error.
    for bad in [
        "cbf29ce48422232",
        "cbf29ce4842223250",
        "0xcbf29ce4842223",
        "+bf29ce484222325",
        "",
    ] {
        assert_eq!(
            bad.parse::<Fingerprint>(),
            Err(Error::Compensation(CompensationError::InvalidFingerprint {
                value: bad.to_owned()
            })),
            "{bad:?}"
        );
        assert!(serde_json::from_str::<Fingerprint>(&format!("{bad:?}")).is_err());
    }
    assert!(serde_json::from_str::<Fingerprint>("-1").is_err());
    assert!(serde_json::from_str::<Fingerprint>("1.5").is_err());
}

// ------------------------------------------------------------ typed perks

#[test]
fn named_perks_are_variants_and_others_are_custom_in_the_same_json() {
    use carekit::loyalty::{Benefits, CustomPerk, Perk};
    let b: Benefits = serde_json::from_str(
        r#"{"perks": ["priority_support", "lounge_access", "free_returns", "expedited_shipping", "free_shipping"]}"#,
    )
    .unwrap();
    for named in [
        Perk::FreeReturns,
        Perk::ExpeditedShipping,
        Perk::FreeShipping,
        Perk::PrioritySupport,
    ] {
        assert!(b.has_perk(&named), "{named}");
    }
    let lounge = Perk::Custom(CustomPerk::new("lounge_access").unwrap());
    assert!(b.has_perk(&lounge));
    // The serialised form is today's: names, sorted by name.
    assert_eq!(
        serde_json::to_value(&b).unwrap()["perks"],
        serde_json::json!([
            "expedited_shipping",
            "free_returns",
            "free_shipping",
            "lounge_access",
            "priority_support"
        ])
    );
    // A known name is never a custom perk, so equal names are equal perks.
    assert_eq!(Perk::new("free_returns").unwrap(), Perk::FreeReturns);
    assert!(CustomPerk::new("free_returns").is_err());
    assert_eq!(
        serde_json::from_str::<Perk>(r#""free_returns""#).unwrap(),
        Perk::FreeReturns
    );
    assert!(serde_json::from_str::<Perk>(r#""Free Returns""#).is_err());
    let mut set = std::collections::BTreeSet::new();
    set.insert(Perk::new("free_returns").unwrap());
    set.insert(Perk::FreeReturns);
    assert_eq!(set.len(), 1);
}

// ------------------------------------------------------------ units

#[test]
fn every_share_is_named_for_its_unit() {
    use carekit::metrics::{ClockSummary, Fcr, FcrConvention, InteractionClocks};
    use carekit::sla::AttainmentCounts;
    use carekit::stats::proportion_interval;
    // 12 satisfied of 15: Wilson 95 % for 12/15 is [0.548146, 0.929525]
    // (python: p = 12/15, z = 1.959963984540054, d = 1 + z²/n,
    // c = (p + z²/2n)/d, h = z·sqrt(p(1 − p)/n + z²/4n²)/d; c ∓ h).
    let mut csat = Csat::new(CsatConfig::zendesk());
    csat.extend_u8(&[1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1])
        .unwrap();
    let s = csat.summary(Confidence::NINETY_FIVE).unwrap();
    let percent = s.percent_interval().unwrap();
    let proportion = proportion_interval(12, 15, Confidence::NINETY_FIVE)
        .unwrap()
        .unwrap();
    assert!(
        (proportion.low() - 0.548_145_512_848).abs() < 1e-9,
        "{proportion}"
    );
    assert!(
        (proportion.high() - 0.929_524_506_530).abs() < 1e-9,
        "{proportion}"
    );
    // The same interval, once in percent and once as a proportion.
    assert!((percent.low() - 100.0 * proportion.low()).abs() < 1e-9);
    assert!((percent.high() - 100.0 * proportion.high()).abs() < 1e-9);
    assert_eq!(s.percent(), Some(80.0)); // 100 · 12 / 15
    // FCR and SLA attainment: rates and proportion intervals, 0–1.
    let fcr = Fcr::from_counts(FcrConvention::OneTouch, 12, 15).unwrap();
    assert_eq!(fcr.rate(), Some(0.8));
    assert_eq!(
        fcr.proportion_interval(Confidence::NINETY_FIVE).unwrap(),
        Some(proportion)
    );
    let sla = AttainmentCounts::new(12, 3);
    assert_eq!(sla.rate(), Some(0.8));
    assert_eq!(
        sla.proportion_interval(Confidence::NINETY_FIVE).unwrap(),
        Some(proportion)
    );
    // Reopens per interaction is a mean, not a share: one case reopened
    // twice gives 2 (it was called a "rate" before).
    let t = |m: i64| DateTime::from_timestamp(m * 60, 0).unwrap();
    let case = Interaction::builder(
        InteractionId::new("T-1").unwrap(),
        CustomerId::new("c").unwrap(),
        Channel::Email,
        t(0),
    )
    .status(t(10), Status::Solved)
    .status(t(20), Status::Open)
    .status(t(30), Status::Solved)
    .status(t(40), Status::Open)
    .build()
    .unwrap();
    let mut clocks = ClockSummary::new(FcrConvention::OneTouch);
    clocks
        .push(
            &InteractionClocks::measure(
                &case,
                t(50),
                &carekit::calendar::CalendarTime,
                FcrConvention::OneTouch,
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!(clocks.reopens_per_interaction(), Some(2.0));
    // Percent of an order as a proportion: 12.5 % → 0.125.
    let p = carekit::compensation::Percent::new(rust_decimal::Decimal::new(125, 1)).unwrap();
    assert_eq!(p.proportion(), rust_decimal::Decimal::new(125, 3));
}

// ------------------------------------------------------------ docs stand alone

/// Every `.rs` file under `dir`, recursively.
use crate::layering::rust_files;

#[test]
#[allow(
    clippy::disallowed_methods,
    reason = "the test reads the crate's sources and docs"
)]
fn the_public_docs_stand_alone() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut docs: Vec<(String, String)> = files
        .iter()
        .map(|p| (p.display().to_string(), read(p)))
        .collect();
    for name in ["README.md", "CHANGELOG.md"] {
        docs.push((name.to_owned(), read(&root.join(name))));
    }
    let mut problems = Vec::new();
    for (name, text) in &docs {
        for (i, line) in text.lines().enumerate() {
            let at = format!("{name}:{}", i + 1);
            // No citation of a specification outside the crate.
            if line.contains('§') || line.replace("SPECFUN", "").contains("SPEC") {
                problems.push(format!("{at}: cites a specification: {line}"));
            }
            // Every vector file named exists.
            let mut rest = line;
            while let Some(start) = rest.find("tests/vectors/") {
                let tail = &rest[start..];
                let end = tail
                    .find(|c: char| !(c.is_ascii_alphanumeric() || "_./".contains(c)))
                    .unwrap_or(tail.len());
                let path = tail[..end].trim_end_matches('.');
                let placeholder = path.contains("FILE");
                if std::path::Path::new(path)
                    .extension()
                    .is_some_and(|e| e == "json")
                    && !placeholder
                    && !root.join(path).exists()
                {
                    problems.push(format!("{at}: names {path}, which does not exist"));
                }
                rest = &tail[end..];
            }
            if line.contains("not supported yet") {
                problems.push(format!("{at}: stale note: {line}"));
            }
        }
        // A Markdown table in module docs is one block of `|` rows: a row
        // right after a text line is cut off from its table.
        let lines: Vec<&str> = text.lines().map(str::trim_start).collect();
        for (i, pair) in lines.windows(2).enumerate() {
            let (prev, this) = (pair[0], pair[1]);
            let row = |l: &str| l.starts_with("//! |") || l.starts_with("/// |");
            let blank = |l: &str| matches!(l, "//!" | "///" | "");
            if row(this) && !row(prev) && !blank(prev) {
                problems.push(format!(
                    "{name}:{}: a table row cut off from its table",
                    i + 2
                ));
            }
        }
    }
    // The README's [dependencies] snippet names the versions Cargo.toml uses.
    let manifest = read(&root.join("Cargo.toml"));
    let readme = read(&root.join("README.md"));
    for dep in ["chrono", "rust_decimal", "chrono-tz"] {
        let version = manifest
            .lines()
            .find(|l| l.starts_with(&format!("{dep} = ")))
            .and_then(|l| l.split('"').nth(1))
            .unwrap_or_else(|| panic!("{dep} in Cargo.toml"));
        let named = readme
            .lines()
            .any(|l| l.starts_with(&format!("{dep} = ")) && l.contains(&format!("\"{version}\"")));
        if !named {
            problems.push(format!("README.md: no `{dep} = \"{version}\"` line"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The re-exports: no version to match by hand.
    let _: carekit::chrono::TimeDelta = carekit::chrono::TimeDelta::hours(1);
    let _: carekit::rust_decimal::Decimal = Money::from_minor_units(1, Currency::EUR).amount();
}

// ------------------------------------------------------ outbound kept apart

/// Outbound (proactive) contacts are their own group: the direction is a
/// breakdown key, and their clocks start at the customer's first message.
/// An outreach at 09:00 (the agent's opening message), the customer's
/// answer at 11:00 and the agent's reply at 11:20: a first reply of 20
/// minutes, not 2 h 20 min from creation; an inbound case created at 09:00
/// and answered at 09:45: 45 minutes.
#[test]
fn outbound_contacts_are_kept_apart_by_direction() {
    use carekit::calendar::CalendarTime;
    use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    let t = |h, m| Utc.with_ymd_and_hms(2024, 5, 6, h, m, 0).unwrap();
    let ana = AgentId::new("ana").unwrap();
    let outreach = Interaction::builder(
        InteractionId::new("T-1").unwrap(),
        CustomerId::new("c-1").unwrap(),
        Channel::Email,
        t(9, 0),
    )
    .direction(Direction::Outbound)
    .agent_reply(t(9, 0), ana.clone(), Visibility::Public)
    .customer_message(t(11, 0))
    .agent_reply(t(11, 20), ana.clone(), Visibility::Public)
    .build()
    .unwrap();
    let inbound = Interaction::builder(
        InteractionId::new("T-2").unwrap(),
        CustomerId::new("c-2").unwrap(),
        Channel::Email,
        t(9, 0),
    )
    .agent_reply(t(9, 45), ana, Visibility::Public)
    .build()
    .unwrap();
    let mut by = Breakdown::new(ClockSummary::new(FcrConvention::OneTouch));
    for case in [&outreach, &inbound] {
        let clocks =
            InteractionClocks::measure(case, t(12, 0), &CalendarTime, FcrConvention::OneTouch)
                .unwrap();
        by.push(case.direction(), &clocks).unwrap();
    }
    let first = |d| by.get(&d).and_then(|s| s.first_reply().mean());
    assert_eq!(first(Direction::Outbound), Some(20.0 * 60.0));
    assert_eq!(first(Direction::Inbound), Some(45.0 * 60.0));
    assert_eq!(by.len(), 2);
}

// ------------------------------------------------ repeat purchase from events

/// The repeat purchase rate of March from purchase events: the cohort is
/// who bought before March (a, b, c); a and c bought again in March, b did
/// not; d's first purchase is in March (new, not a repeat). 2 / 3.
#[test]
fn repeat_purchase_rate_comes_from_purchase_events_and_a_period() {
    use carekit::metrics::RepeatPurchaseRate;
    let on = |m, day| Utc.with_ymd_and_hms(2024, m, day, 12, 0, 0).unwrap();
    let id = |s| CustomerId::new(s).unwrap();
    let (a, b, c, n) = (id("a"), id("b"), id("c"), id("d"));
    let purchases = [
        (&a, on(1, 3)),
        (&a, on(3, 9)),
        (&b, on(2, 1)),
        (&c, on(2, 27)),
        (&c, on(3, 31)),
        (&c, on(3, 1)),
        (&n, on(3, 2)),
        (&n, on(3, 20)),
        (&b, on(4, 1)), // after the period: not a repeat in March
    ];
    let march = RepeatPurchaseRate::from_purchases(
        purchases,
        Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    assert_eq!((march.repeat_buyers(), march.cohort()), (2, 3));
    assert_eq!(march.rate(), Some(2.0 / 3.0));
    // A period whose end is before its start is refused.
    assert!(RepeatPurchaseRate::from_purchases([], on(4, 1), on(3, 1)).is_err());
}
