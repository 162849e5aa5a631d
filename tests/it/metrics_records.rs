//! Scores from the caller's records and from per-row group indices, each
//! checked against a naive loop written here (a brute-force reference:
//! one row at a time, the class or scale point read off the definition).
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "generated test data: keys and scores are small by construction"
)]

use carekit::metrics::{Breakdown, Ces, CesConfig, CesPolarity, Csat, Nps, NpsConfig, RowMask};
use carekit::{CsatRating, CustomerId, Feedback, NpsScore, RatingScale};
use proptest::prelude::*;

/// A record narrow enough for the gather path.
#[derive(Debug, Clone, Copy)]
struct Narrow {
    key: u8,
    value: u8,
}

/// A record as wide as a cache line (the direct path).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
struct Wide {
    id: u64,
    key: u16,
    value: u8,
    pad: [u8; 53],
}

fn wide(rows: &[(u16, u8)]) -> Vec<Wide> {
    rows.iter()
        .enumerate()
        .map(|(i, &(key, value))| Wide {
            id: i as u64,
            key,
            value,
            pad: [0; 53],
        })
        .collect()
}

/// (detractors, passives, promoters) by the definition, or the first bad
/// row.
fn naive_nps(scores: impl IntoIterator<Item = u8>, d: u8, p: u8) -> Result<[u64; 3], (usize, u8)> {
    let mut out = [0_u64; 3];
    for (i, x) in scores.into_iter().enumerate() {
        if x > 10 {
            return Err((i, x));
        }
        if x <= d {
            out[0] += 1;
        } else if x >= p {
            out[2] += 1;
        } else {
            out[1] += 1;
        }
    }
    Ok(out)
}

fn nps_counts(n: &Nps) -> [u64; 3] {
    [n.detractors(), n.passives(), n.promoters()]
}

fn naive_hist(
    values: impl IntoIterator<Item = u8>,
    scale: RatingScale,
) -> Result<Vec<u64>, (usize, u8)> {
    let mut out = vec![0_u64; usize::from(scale.points())];
    for (i, x) in values.into_iter().enumerate() {
        if x < scale.min() || x > scale.max() {
            return Err((i, x));
        }
        out[usize::from(x - scale.min())] += 1;
    }
    Ok(out)
}

fn csat_counts(c: &Csat) -> Vec<u64> {
    let s = c.config().scale();
    (s.min()..=s.max()).map(|r| c.count(r)).collect()
}

fn ces_counts(c: &Ces) -> Vec<u64> {
    let s = c.config().scale();
    (s.min()..=s.max()).map(|r| c.count(r)).collect()
}

fn bad_index(e: &carekit::Error) -> String {
    e.to_string()
}

#[test]
fn nps_from_wide_structs_by_hand() {
    // Scores 10, 9, 8, 6, 0: P = 2, passives 1, D = 2.
    let rows = wide(&[(0, 10), (0, 9), (1, 8), (1, 6), (2, 0)]);
    let mut nps = Nps::default();
    nps.extend_by(&rows, |r| r.value).unwrap();
    assert_eq!(nps_counts(&nps), [2, 1, 2]);
    // 100 · (2 − 2) / 5 = 0
    assert_eq!(nps.score(), Some(0.0));
    let mut bad = rows.clone();
    bad[3].value = 11;
    let err = nps.extend_by(&bad, |r| r.value).unwrap_err();
    assert_eq!(
        bad_index(&err),
        "nps score 11 at index 3 is outside the scale 0..=10"
    );
    assert_eq!(nps.n(), 5);
}

#[test]
fn the_projection_is_called_once_per_record_in_order() {
    for width in ["narrow", "wide"] {
        let scores: Vec<u8> = (0..10_000).map(|i| (i % 11) as u8).collect();
        let mut seen = Vec::new();
        let mut nps = Nps::default();
        if width == "narrow" {
            let rows: Vec<Narrow> = scores
                .iter()
                .map(|&value| Narrow { key: 0, value })
                .collect();
            nps.extend_by(&rows, |r| {
                seen.push(r.value);
                r.value
            })
            .unwrap();
        } else {
            let rows = wide(&scores.iter().map(|&s| (0, s)).collect::<Vec<_>>());
            nps.extend_by(&rows, |r| {
                seen.push(r.value);
                r.value
            })
            .unwrap();
        }
        assert_eq!(seen, scores, "{width}");
    }
}

#[test]
fn grouped_by_from_structs_by_hand() {
    // Channel 0: 10, 9, 0 → P 2, D 1: 100 · 1 / 3; channel 3: 7 → passive.
    let rows = [
        Narrow { key: 0, value: 10 },
        Narrow { key: 3, value: 7 },
        Narrow { key: 0, value: 9 },
        Narrow { key: 0, value: 0 },
    ];
    let mut by = Breakdown::<u8, Nps>::default();
    by.extend_grouped_by(&rows, |r| (r.key, r.value)).unwrap();
    assert_eq!(by.len(), 2);
    assert_eq!(by.get(&0).and_then(Nps::score), Some(100.0 / 3.0));
    assert_eq!(by.get(&3).map(Nps::passives), Some(1));
    let err = by
        .extend_grouped_by(&rows, |r| (r.key, r.value + 4))
        .unwrap_err();
    // 10 + 4 = 14 at record 0
    assert_eq!(
        bad_index(&err),
        "nps score 14 at index 0 is outside the scale 0..=10"
    );
    assert_eq!(by.get(&0).map(Nps::n), Some(3));
}

#[test]
fn csat_and_ces_grouped_by_u16_keys() {
    let rows = wide(&[(700, 5), (700, 4), (2, 1), (700, 2)]);
    let mut by = Breakdown::<u16, Csat>::default();
    by.extend_grouped_by(&rows, |r| (r.key, r.value)).unwrap();
    // key 700: 5, 4, 2 → 2 of 3 satisfied
    assert_eq!(by.get(&700).map(Csat::satisfied), Some(2));
    assert_eq!(by.get(&2).map(Csat::n), Some(1));
    let mut ces = Breakdown::<u16, Ces>::default();
    ces.extend_grouped_by(&rows, |r| (r.key, r.value + 2))
        .unwrap();
    // key 700: 7, 6, 4 → mean 17 / 3
    assert_eq!(ces.get(&700).and_then(Ces::mean), Some(17.0 / 3.0));
    let err = ces
        .extend_grouped_by(&rows, |r| (r.key, r.value + 3))
        .unwrap_err();
    // 5 + 3 = 8 at record 0 is off 1..=7
    assert_eq!(
        bad_index(&err),
        "ces rating 8 at index 0 is outside the scale 1..=7"
    );
}

#[test]
fn feedback_records_count_only_their_survey() {
    let at = chrono::DateTime::from_timestamp(0, 0).unwrap();
    let c = CustomerId::new("c-1").unwrap();
    let mut records = Vec::new();
    for i in 0..1000_u32 {
        let f = if i % 3 == 0 {
            Feedback::builder(
                c.clone(),
                at,
                CsatRating::on_default_scale((i % 5 + 1) as u8).unwrap(),
            )
            .build()
        } else {
            Feedback::builder(c.clone(), at, NpsScore::new((i % 11) as u8).unwrap()).build()
        };
        records.push(f);
    }
    let mut nps = Nps::default();
    nps.extend(&records).unwrap();
    let want = naive_nps(
        (0..1000_u32).filter(|i| i % 3 != 0).map(|i| (i % 11) as u8),
        6,
        9,
    )
    .unwrap();
    assert_eq!(nps_counts(&nps), want);
    let mut csat = Csat::default();
    csat.extend(&records).unwrap();
    let want = naive_hist(
        (0..1000_u32)
            .filter(|i| i % 3 == 0)
            .map(|i| (i % 5 + 1) as u8),
        RatingScale::CSAT_DEFAULT,
    )
    .unwrap();
    assert_eq!(csat_counts(&csat), want);
}

#[test]
fn group_indices_by_hand() {
    // Rows: (group, score) = (1, 10), (0, 6), (1, 9), (2, 7), (1, 0).
    let mut groups = vec![Nps::default(); 3];
    Nps::extend_grouped(&mut groups, &[1, 0, 1, 2, 1], &[10, 6, 9, 7, 0]).unwrap();
    assert_eq!(nps_counts(&groups[0]), [1, 0, 0]);
    assert_eq!(nps_counts(&groups[1]), [1, 0, 2]);
    assert_eq!(nps_counts(&groups[2]), [0, 1, 0]);
    // A group with other cut-offs counts with its own: 9 is passive when
    // promoters start at 10.
    groups.push(Nps::new(NpsConfig::new(6, 10).unwrap()));
    Nps::extend_grouped(&mut groups, &[3, 1], &[9, 9]).unwrap();
    assert_eq!(nps_counts(&groups[3]), [0, 1, 0]);
    assert_eq!(groups[1].promoters(), 3);
    let before = groups.clone();
    let err = Nps::extend_grouped(&mut groups, &[0, 1, 9], &[1, 2, 3]).unwrap_err();
    assert_eq!(
        bad_index(&err),
        "group index 9 at row 2 is out of range for 4 groups"
    );
    assert_eq!(groups, before);
    let err = Nps::extend_grouped(&mut groups, &[0, 1], &[1]).unwrap_err();
    assert_eq!(bad_index(&err), "group indices has 2 rows but scores has 1");
    let err = Nps::extend_grouped_masked(&mut groups, &[0; 9], &[1; 9], RowMask::new(&[0xFF], 0))
        .unwrap_err();
    assert_eq!(
        bad_index(&err),
        "group indices has 9 rows but row mask has 8"
    );
    assert_eq!(groups, before);
}

#[test]
fn csat_group_indices_on_mixed_scales_name_the_rows_scale() {
    let ten = carekit::metrics::CsatConfig::new(RatingScale::new(1, 10).unwrap(), 8).unwrap();
    let mut groups = vec![Csat::default(), Csat::new(ten)];
    // 9 fits 1..=10 (group 1) but not 1..=5 (group 0, row 2).
    let err = Csat::extend_grouped(&mut groups, &[1, 0, 0], &[9, 5, 9]).unwrap_err();
    assert_eq!(
        bad_index(&err),
        "csat rating 9 at index 2 is outside the scale 1..=5"
    );
    assert_eq!((groups[0].n(), groups[1].n()), (0, 0));
    Csat::extend_grouped(&mut groups, &[1, 0], &[9, 5]).unwrap();
    assert_eq!((groups[0].satisfied(), groups[1].satisfied()), (1, 1));
}

/// Rows: (group index, value, counts under the mask).
fn rows_strategy(groups: usize) -> impl Strategy<Value = Vec<(usize, u8, bool)>> {
    prop::collection::vec(
        (
            prop_oneof![20 => 0..groups, 1 => groups..groups + 3],
            prop_oneof![30 => 0_u8..=10, 1 => any::<u8>()],
            prop_oneof![5 => Just(true), 1 => Just(false)],
        ),
        0..300,
    )
}

/// Packs row flags into an Arrow-style bitmap starting `offset` bits in
/// (the bits before are set, to catch an offset that is ignored).
fn bitmap(flags: &[bool], offset: usize) -> Vec<u8> {
    let mut bits = vec![0_u8; (offset + flags.len()).div_ceil(8) + 1];
    for i in 0..offset {
        bits[i / 8] |= 1 << (i % 8);
    }
    for (i, &f) in flags.iter().enumerate() {
        if f {
            let j = offset + i;
            bits[j / 8] |= 1 << (j % 8);
        }
    }
    bits
}

/// The naive grouped update: per counted row, the group must exist and
/// take the value, else the first such row is the error and nothing
/// changes.
fn naive_grouped<G: Clone>(
    groups: &[G],
    rows: &[(usize, u8, bool)],
    masked: bool,
    mut add: impl FnMut(&mut G, u8) -> bool,
) -> Result<Vec<G>, usize> {
    let mut out = groups.to_vec();
    for (row, &(g, v, counts)) in rows.iter().enumerate() {
        if masked && !counts {
            continue;
        }
        let Some(group) = out.get_mut(g) else {
            return Err(row);
        };
        if !add(group, v) {
            return Err(row);
        }
    }
    Ok(out)
}

fn error_row(e: &carekit::Error) -> usize {
    match e {
        carekit::Error::Metrics(carekit::metrics::MetricsError::GroupIndexOutOfRange {
            row,
            ..
        }) => *row,
        carekit::Error::Metrics(carekit::metrics::MetricsError::ColumnValueOutOfScale {
            index,
            ..
        }) => *index,
        other => panic!("unexpected error {other}"),
    }
}

proptest! {
    #[test]
    fn nps_extend_by_matches_a_naive_loop(
        rows in prop::collection::vec((0_u16..300, prop_oneof![30 => 0_u8..=10, 1 => any::<u8>()]), 0..20_000),
        cut in (0_u8..=9).prop_flat_map(|d| (Just(d), d + 1..=10)),
    ) {
        let cfg = NpsConfig::new(cut.0, cut.1).unwrap();
        let want = naive_nps(rows.iter().map(|r| r.1), cut.0, cut.1);
        let narrow: Vec<Narrow> = rows.iter().map(|&(k, value)| Narrow { key: k as u8, value }).collect();
        let wide = wide(&rows);
        let mut a = Nps::new(cfg);
        let mut b = Nps::new(cfg);
        let ra = a.extend_by(&narrow, |r| r.value);
        let rb = b.extend_by(&wide, |r| r.value);
        match want {
            Ok(counts) => {
                prop_assert!(ra.is_ok() && rb.is_ok());
                prop_assert_eq!(nps_counts(&a), counts);
                prop_assert_eq!(nps_counts(&b), counts);
            }
            Err((i, x)) => {
                let msg = format!("nps score {x} at index {i} is outside the scale 0..=10");
                prop_assert_eq!(ra.unwrap_err().to_string(), msg.clone());
                prop_assert_eq!(rb.unwrap_err().to_string(), msg);
                prop_assert_eq!((a.n(), b.n()), (0, 0));
            }
        }
        // Grouped by the key field, u8 and u16 keys.
        let mut by8 = Breakdown::<u8, Nps>::new(Nps::new(cfg));
        let mut by16 = Breakdown::<u16, Nps>::new(Nps::new(cfg));
        let r8 = by8.extend_grouped_by(&narrow, |r| (r.key, r.value));
        let r16 = by16.extend_grouped_by(&wide, |r| (r.key, r.value));
        match naive_nps(rows.iter().map(|r| r.1), cut.0, cut.1) {
            Ok(_) => {
                prop_assert!(r8.is_ok() && r16.is_ok());
                for key in 0_u16..300 {
                    let want = naive_nps(rows.iter().filter(|r| r.0 == key).map(|r| r.1), cut.0, cut.1).unwrap();
                    let got16 = by16.get(&key).map_or([0; 3], nps_counts);
                    prop_assert_eq!(got16, want);
                    let want8 = naive_nps(rows.iter().filter(|r| r.0 as u8 == key as u8).map(|r| r.1), cut.0, cut.1).unwrap();
                    if key < 256 {
                        prop_assert_eq!(by8.get(&(key as u8)).map_or([0; 3], nps_counts), want8);
                    }
                }
                prop_assert_eq!(by16.len(), (0_u16..300).filter(|k| rows.iter().any(|r| r.0 == *k)).count());
            }
            Err((i, x)) => {
                let msg = format!("nps score {x} at index {i} is outside the scale 0..=10");
                prop_assert_eq!(r8.unwrap_err().to_string(), msg.clone());
                prop_assert_eq!(r16.unwrap_err().to_string(), msg);
                prop_assert!(by8.is_empty() && by16.is_empty());
            }
        }
    }

    #[test]
    fn csat_and_ces_extend_by_match_a_naive_loop(
        rows in prop::collection::vec((0_u16..40, prop_oneof![30 => 1_u8..=7, 1 => any::<u8>()]), 0..5_000),
        lo in 0_u8..3,
        span in 1_u8..20,
    ) {
        let scale = RatingScale::new(lo, lo + span).unwrap();
        let csat_cfg = carekit::metrics::CsatConfig::new(scale, lo + span).unwrap();
        let ces_cfg = CesConfig::new(scale, lo + span, lo, CesPolarity::HigherIsEasier).unwrap();
        let narrow: Vec<Narrow> = rows.iter().map(|&(k, value)| Narrow { key: k as u8, value }).collect();
        let wide = wide(&rows);
        let want = naive_hist(rows.iter().map(|r| r.1), scale);
        let mut c1 = Csat::new(csat_cfg);
        let mut c2 = Csat::new(csat_cfg);
        let mut e1 = Ces::new(ces_cfg);
        let r1 = c1.extend_by(&narrow, |r| r.value);
        let r2 = c2.extend_by(&wide, |r| r.value);
        let r3 = e1.extend_by(&wide, |r| r.value);
        let mut by = Breakdown::<u16, Csat>::new(Csat::new(csat_cfg));
        let rb = by.extend_grouped_by(&wide, |r| (r.key, r.value));
        let mut eby = Breakdown::<u8, Ces>::new(Ces::new(ces_cfg));
        let re = eby.extend_grouped_by(&narrow, |r| (r.key, r.value));
        match want {
            Ok(h) => {
                prop_assert_eq!(csat_counts(&c1), h.clone());
                prop_assert_eq!(csat_counts(&c2), h.clone());
                prop_assert_eq!(ces_counts(&e1), h);
                prop_assert!(rb.is_ok() && re.is_ok());
                for key in 0_u16..40 {
                    let want = naive_hist(rows.iter().filter(|r| r.0 == key).map(|r| r.1), scale).unwrap();
                    let zero = vec![0; want.len()];
                    prop_assert_eq!(by.get(&key).map_or(zero.clone(), csat_counts), want.clone());
                    prop_assert_eq!(eby.get(&(key as u8)).map_or(zero, ces_counts), want);
                }
            }
            Err((i, x)) => {
                let msg = |f: &str| format!("{f} {x} at index {i} is outside the scale {scale}");
                prop_assert_eq!(r1.unwrap_err().to_string(), msg("csat rating"));
                prop_assert_eq!(r2.unwrap_err().to_string(), msg("csat rating"));
                prop_assert_eq!(r3.unwrap_err().to_string(), msg("ces rating"));
                prop_assert_eq!(rb.unwrap_err().to_string(), msg("csat rating"));
                prop_assert_eq!(re.unwrap_err().to_string(), msg("ces rating"));
                prop_assert!(c1.n() == 0 && c2.n() == 0 && e1.n() == 0 && by.is_empty() && eby.is_empty());
            }
        }
    }

    #[test]
    fn group_index_kernels_match_a_naive_loop(
        groups_n in 1_usize..20,
        seed_rows in rows_strategy(20),
        offset in 0_usize..70,
        masked in any::<bool>(),
        strict in any::<bool>(),
    ) {
        let rows: Vec<(usize, u8, bool)> = seed_rows
            .iter()
            .map(|&(g, v, c)| (if g >= 20 { groups_n + g - 20 } else { g % groups_n }, v, c))
            .collect();
        let idx: Vec<usize> = rows.iter().map(|r| r.0).collect();
        let vals: Vec<u8> = rows.iter().map(|r| r.1).collect();
        let flags: Vec<bool> = rows.iter().map(|r| r.2).collect();
        let bits = bitmap(&flags, offset);
        let mask = RowMask::new(&bits, offset);

        // NPS, half the groups with strict cut-offs, seeded with one answer.
        let strict_cfg = NpsConfig::new(6, 10).unwrap();
        let mut start: Vec<Nps> = (0..groups_n)
            .map(|g| if strict && g % 2 == 1 { Nps::new(strict_cfg) } else { Nps::default() })
            .collect();
        for g in &mut start {
            g.push(5_u8).unwrap();
        }
        let want = naive_grouped(&start, &rows, masked, |g, v| {
            if v > 10 {
                return false;
            }
            g.push(v).unwrap();
            true
        });
        let mut got = start.clone();
        let r = if masked {
            Nps::extend_grouped_masked(&mut got, &idx, &vals, mask)
        } else {
            Nps::extend_grouped(&mut got, &idx, &vals)
        };
        match want {
            Ok(w) => {
                prop_assert!(r.is_ok());
                prop_assert_eq!(got, w);
            }
            Err(row) => {
                prop_assert_eq!(error_row(&r.unwrap_err()), row);
                prop_assert_eq!(got, start);
            }
        }

        // CSAT and CES on their default scales.
        let cstart = vec![Csat::default(); groups_n];
        let want = naive_grouped(&cstart, &rows, masked, |g, v| g.push(v).is_ok());
        let mut got = cstart.clone();
        let r = if masked {
            Csat::extend_grouped_masked(&mut got, &idx, &vals, mask)
        } else {
            Csat::extend_grouped(&mut got, &idx, &vals)
        };
        match want {
            Ok(w) => prop_assert_eq!(got, w),
            Err(row) => {
                prop_assert_eq!(error_row(&r.unwrap_err()), row);
                prop_assert_eq!(got, cstart);
            }
        }
        let estart = vec![Ces::default(); groups_n];
        let want = naive_grouped(&estart, &rows, masked, |g, v| g.push(v).is_ok());
        let mut got = estart.clone();
        let r = if masked {
            Ces::extend_grouped_masked(&mut got, &idx, &vals, mask)
        } else {
            Ces::extend_grouped(&mut got, &idx, &vals)
        };
        match want {
            Ok(w) => prop_assert_eq!(got, w),
            Err(row) => {
                prop_assert_eq!(error_row(&r.unwrap_err()), row);
                prop_assert_eq!(got, estart);
            }
        }
    }
}

#[test]
fn long_masked_batches_cross_many_words() {
    // 1000 rows, every 7th row null, read from bit 5 of the bitmap; group
    // = row % 3, score = row % 11. Expected counts by the definition.
    let n = 1000;
    let flags: Vec<bool> = (0..n).map(|i| i % 7 != 0).collect();
    let bits = bitmap(&flags, 5);
    let idx: Vec<usize> = (0..n).map(|i| i % 3).collect();
    let scores: Vec<u8> = (0..n).map(|i| (i % 11) as u8).collect();
    let mut groups = vec![Nps::default(); 3];
    Nps::extend_grouped_masked(&mut groups, &idx, &scores, RowMask::new(&bits, 5)).unwrap();
    for (g, group) in groups.iter().enumerate() {
        let want = naive_nps(
            (0..n)
                .filter(|i| i % 7 != 0 && i % 3 == g)
                .map(|i| (i % 11) as u8),
            6,
            9,
        )
        .unwrap();
        assert_eq!(nps_counts(group), want, "group {g}");
    }
    // A bad score in a null row is never read; in a counted row it is.
    let mut bad = scores.clone();
    bad[700] = 200; // 700 = 7 · 100: null
    bad[701] = 201;
    let before = groups.clone();
    let err =
        Nps::extend_grouped_masked(&mut groups, &idx, &bad, RowMask::new(&bits, 5)).unwrap_err();
    assert_eq!(
        bad_index(&err),
        "nps score 201 at index 701 is outside the scale 0..=10"
    );
    assert_eq!(groups, before);
}

#[test]
fn durations_from_parts_normalise_negative_zero_and_name_the_first_bad_value() {
    use carekit::metrics::{Durations, DurationsParts};
    let d = Durations::from_parts(DurationsParts {
        seconds: vec![4.0, -0.0, 2.5, 0.0, 1.0],
    })
    .unwrap();
    // -0.0 is stored as +0.0 (bit pattern 0), as `push` stores it.
    assert_eq!(d.values()[1].to_bits(), 0);
    assert_eq!((d.min(), d.max()), (Some(0.0), Some(4.0)));
    assert_eq!(d.min().unwrap().to_bits(), 0);
    for (bad, at) in [(f64::NAN, 6), (-2.0, 0), (2e15, 8), (f64::INFINITY, 3)] {
        let mut v: Vec<f64> = (0..9).map(f64::from).collect();
        v[at] = bad;
        let err = Durations::from_parts(DurationsParts { seconds: v.clone() }).unwrap_err();
        assert!(err.to_string().contains(&format!("at index {at}")), "{err}");
        let mut acc = Durations::from_seconds(&[1.0]).unwrap();
        assert!(acc.extend_f64(&v).is_err());
        assert_eq!(acc.n(), 1);
    }
}
