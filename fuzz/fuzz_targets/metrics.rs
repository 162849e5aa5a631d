//! `metrics`: scores from arbitrary ratings, percentiles of arbitrary
//! durations, and the quantile sketch with arbitrary `f64`s (NaN,
//! infinities, subnormals, negative zero included).
//!
//! Input: bytes for `arbitrary::Unstructured`. Nothing may panic, and:
//! - percentiles are non-decreasing in `q` and lie within `[min, max]`;
//! - a sketch quantile lies within `[min, max]` of what was added, widened
//!   by the relative accuracy `alpha` (values up to `MIN_POSITIVE·γ` count
//!   as zero, as documented);
//! - an NPS lies within −100..=100.
#![no_main]
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "a fuzz harness: libFuzzer's entry point writes crash files, the trace mode reads the environment and the clock"
)]

use arbitrary::{Result, Unstructured};
use carekit::RatingScale;
use carekit::metrics::{
    Ces, CesConfig, CesPolarity, Csat, CsatConfig, Durations, Nps, NpsConfig, PercentileMethod,
    QuantileSketch, WeightedNps,
};
use carekit::stats::{Confidence, NpsIntervalMethod};
use libfuzzer_sys::fuzz_target;

fn float(u: &mut Unstructured<'_>) -> Result<f64> {
    Ok(match u.arbitrary::<u8>()? % 8 {
        0..=3 => f64::from(u.arbitrary::<u32>()?) / 16.0,
        4 => f64::from_bits(u.arbitrary()?),
        5 => *u.choose(&[
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            f64::MAX,
            5e-324,
        ])?,
        6 => -f64::from(u.arbitrary::<u16>()?),
        _ => f64::from(u.arbitrary::<u16>()?) * 1e9,
    })
}

fn scale(u: &mut Unstructured<'_>) -> Result<RatingScale> {
    let min: u8 = u.arbitrary()?;
    let max: u8 = u.arbitrary()?;
    Ok(RatingScale::new(min % 12, max % 12).unwrap_or(RatingScale::CSAT_DEFAULT))
}

fn confidence(u: &mut Unstructured<'_>) -> Result<Confidence> {
    let c = f64::from(u.arbitrary::<u16>()?) / 65536.0;
    Ok(Confidence::new(c).unwrap_or(Confidence::NINETY_FIVE))
}

fn scores(u: &mut Unstructured<'_>) -> Result<()> {
    let ratings: Vec<u8> = (0..u.int_in_range(0..=64)?)
        .map(|_| u.arbitrary::<u8>().map(|r| r % 13))
        .collect::<Result<_>>()?;
    let conf = confidence(u)?;
    match u.arbitrary::<u8>()? % 4 {
        0 => {
            if let Ok(cfg) = CsatConfig::new(scale(u)?, u.arbitrary::<u8>()? % 12) {
                let mut a = Csat::new(cfg);
                let _ = a.extend_u8(&ratings);
                let mut b = Csat::new(cfg);
                let _ = b.extend_u8(&ratings[..ratings.len() / 2]);
                let _ = a.merge(&b);
                let _ = a.mean();
                let _ = a.summary(conf);
            }
        }
        1 => {
            if let Ok(cfg) = NpsConfig::new(u.arbitrary::<u8>()? % 12, u.arbitrary::<u8>()? % 12) {
                let mut a = Nps::new(cfg);
                let _ = a.extend_u8(&ratings);
                let mut b = Nps::new(cfg);
                let _ = b.extend_u8(&ratings[ratings.len() / 2..]);
                let _ = a.merge(&b);
                if let Some(s) = a.score() {
                    assert!((-100.0..=100.0).contains(&s), "nps {s} outside -100..=100");
                }
                let _ = a.summary(conf, NpsIntervalMethod::Wald);
                let _ = a.summary(conf, NpsIntervalMethod::AdjustedWald);
            }
        }
        2 => {
            if let Ok(cfg) = NpsConfig::new(u.arbitrary::<u8>()? % 12, u.arbitrary::<u8>()? % 12) {
                let weights: Vec<f64> = ratings.iter().map(|_| float(u)).collect::<Result<_>>()?;
                let mut a = WeightedNps::new(cfg);
                let _ = a.extend_u8(&ratings, &weights);
                if let Some(s) = a.score() {
                    assert!(
                        s.is_nan() || (-100.0 - 1e-9..=100.0 + 1e-9).contains(&s),
                        "weighted nps {s}"
                    );
                }
                let _ = a.summary(conf, NpsIntervalMethod::Wald);
            }
        }
        _ => {
            let pol = if u.arbitrary()? {
                CesPolarity::HigherIsEasier
            } else {
                CesPolarity::LowerIsEasier
            };
            if let Ok(cfg) = CesConfig::new(
                scale(u)?,
                u.arbitrary::<u8>()? % 12,
                u.arbitrary::<u8>()? % 12,
                pol,
            ) {
                let mut a = Ces::new(cfg);
                let _ = a.extend_u8(&ratings);
                let _ = a.mean();
                let _ = a.summary(conf);
            }
        }
    }
    Ok(())
}

fn durations(u: &mut Unstructured<'_>) -> Result<()> {
    let values: Vec<f64> = (0..u.int_in_range(0..=64)?)
        .map(|_| float(u))
        .collect::<Result<_>>()?;
    let Ok(d) = Durations::from_seconds(&values) else {
        return Ok(());
    };
    let mut qs: Vec<f64> = (0..u.int_in_range(1..=6)?)
        .map(|_| u.arbitrary::<u16>().map(|q| f64::from(q) / 65535.0))
        .collect::<Result<_>>()?;
    qs.sort_by(f64::total_cmp);
    let min = d.values().iter().copied().fold(f64::INFINITY, f64::min);
    let max = d.values().iter().copied().fold(f64::NEG_INFINITY, f64::max);
    for method in [PercentileMethod::Linear, PercentileMethod::NearestRank] {
        if let Ok(Some(ps)) = d.percentiles(&qs, method) {
            for w in ps.windows(2) {
                assert!(
                    w[0] <= w[1],
                    "{method} percentiles {ps:?} of {qs:?} decrease"
                );
            }
            for p in &ps {
                assert!(
                    *p >= min && *p <= max,
                    "{method} percentile {p} outside [{min}, {max}]"
                );
            }
        }
    }
    let _ = d.mean();
    let _ = d.mean_interval(confidence(u)?);
    let _ = d.percentile(float(u)?, PercentileMethod::Linear);
    Ok(())
}

fn sketch(u: &mut Unstructured<'_>) -> Result<()> {
    let alpha = match u.arbitrary::<u8>()? % 4 {
        0 => 0.01,
        1 => f64::from(u.arbitrary::<u16>()?) / 65536.0,
        _ => float(u)?,
    };
    let Ok(mut a) = QuantileSketch::new(alpha) else {
        return Ok(());
    };
    let mut b = a.clone();
    let mut added = Vec::new();
    for i in 0..u.int_in_range(0..=96)? {
        let v = float(u)?;
        let target = if i % 3 == 0 { &mut b } else { &mut a };
        if target.push(v).is_ok() {
            added.push(v);
        }
    }
    let _ = a.merge(&b);
    let min = added.iter().copied().fold(f64::INFINITY, f64::min);
    let max = added.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let q = f64::from(u.arbitrary::<u16>()?) / 65535.0;
    if let Ok(Some(x)) = a.quantile(q) {
        let slack = alpha * 1.000_001;
        // Values up to f64::MIN_POSITIVE·γ are counted as zero (documented).
        let gamma = (1.0 + alpha) / (1.0 - alpha);
        let tiny = f64::MIN_POSITIVE * gamma * 1.000_001;
        let lo = if min.abs() <= tiny {
            min.min(0.0)
        } else if min >= 0.0 {
            min * (1.0 - slack)
        } else {
            min * (1.0 + slack)
        };
        let hi = if max.abs() <= tiny {
            max.max(0.0)
        } else if max >= 0.0 {
            max * (1.0 + slack)
        } else {
            max * (1.0 - slack)
        };
        assert!(
            x >= lo && x <= hi,
            "sketch quantile {q} = {x} outside [{min}, {max}] ± {alpha}"
        );
    }
    let _ = a.quantiles(&[0.0, 0.5, 0.99, 1.0]);
    let _ = a.quantile(float(u)?);
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = match u.arbitrary::<u8>().unwrap_or(0) % 3 {
        0 => scores(&mut u),
        1 => durations(&mut u),
        _ => sketch(&mut u),
    };
});
