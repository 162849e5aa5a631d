//! Every public type is `Send + Sync` (and the error type `'static`), so
//! services can share carekit values across threads.

use carekit::*;

fn send_sync<T: Send + Sync + 'static>() {}

#[test]
fn public_types_are_send_and_sync() {
    send_sync::<Error>();
    send_sync::<money::MoneyError>();
    send_sync::<TimelineError>();
    send_sync::<stats::StatsError>();
    send_sync::<metrics::MetricsError>();
    send_sync::<calendar::CalendarError>();
    send_sync::<sla::SlaError>();
    send_sync::<loyalty::LoyaltyError>();
    send_sync::<compensation::CompensationError>();
    send_sync::<CustomerId>();
    send_sync::<AgentId>();
    send_sync::<InteractionId>();
    send_sync::<TierId>();
    send_sync::<Segment>();
    send_sync::<Currency>();
    send_sync::<Money>();
    send_sync::<RoundingStrategy>();
    send_sync::<Customer>();
    send_sync::<CustomerBuilder>();
    send_sync::<Preferences>();
    send_sync::<LanguageTag>();
    send_sync::<Channel>();
    send_sync::<Priority>();
    send_sync::<Direction>();
    send_sync::<Status>();
    send_sync::<Visibility>();
    send_sync::<Event>();
    send_sync::<EventKind>();
    send_sync::<Interaction>();
    send_sync::<InteractionBuilder>();
    send_sync::<StatusPeriod>();
    send_sync::<StatusDurations>();
    send_sync::<Feedback>();
    send_sync::<FeedbackBuilder>();
    send_sync::<Answer>();
    send_sync::<NpsScore>();
    send_sync::<NpsCategory>();
    send_sync::<CsatRating>();
    send_sync::<CesRating>();
    send_sync::<RatingScale>();
    send_sync::<Weight>();
    send_sync::<calendar::CalendarTime>();
    // Shares its memoised zone offsets and open time across clones.
    send_sync::<calendar::BusinessCalendar<chrono_tz::Tz>>();
    send_sync::<metrics::RowMask<'static>>();
    send_sync::<loyalty::Benefits>();
    send_sync::<loyalty::Multiplier>();
    send_sync::<loyalty::Perk>();
    send_sync::<loyalty::CustomPerk>();
}

#[test]
fn error_is_clone_and_comparable() {
    let e = NpsScore::new(11).unwrap_err();
    assert_eq!(e.clone(), e);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    assert_eq!(
        boxed.to_string(),
        "nps score 11 is outside the scale 0..=10"
    );
}

#[test]
fn sla_types_are_send_and_sync() {
    send_sync::<sla::SlaBook>();
    send_sync::<sla::SlaPolicy>();
    send_sync::<sla::Conditions>();
    send_sync::<sla::Target>();
    send_sync::<sla::TargetKind>();
    send_sync::<sla::TimeBasis>();
    send_sync::<sla::SlaContext<'static>>();
    send_sync::<sla::SlaEvaluation>();
    send_sync::<sla::TargetEvaluation>();
    send_sync::<sla::SlaState>();
    send_sync::<sla::SlaAttainment>();
    send_sync::<sla::AttainmentCounts>();
    send_sync::<sla::SlaOutcome>();
    send_sync::<sla::SlaError>();
}

#[test]
fn stats_types_are_send_and_sync() {
    send_sync::<Confidence>();
    send_sync::<stats::Interval>();
    send_sync::<stats::NpsIntervalMethod>();
    send_sync::<stats::NpsCounts>();
    send_sync::<stats::TwoProportionTest>();
    send_sync::<stats::NpsDifferenceTest>();
    send_sync::<stats::StatsError>();
}

#[test]
fn metrics_service_types_are_send_and_sync() {
    use carekit::metrics::*;
    send_sync::<Durations>();
    send_sync::<PercentileMethod>();
    send_sync::<QuantileSketch>();
    send_sync::<InteractionClocks>();
    send_sync::<FcrConvention>();
    send_sync::<Fcr>();
    send_sync::<ClockSummary>();
    send_sync::<Retention>();
    send_sync::<RepeatPurchaseRate>();
    send_sync::<PeakEnd>();
    send_sync::<HealthWeights>();
    send_sync::<HealthComponent>();
    send_sync::<HealthBand>();
    send_sync::<HealthBands>();
    send_sync::<HealthInputs>();
    send_sync::<HealthModel>();
    send_sync::<HealthScore>();
    send_sync::<HealthContribution>();
}

#[test]
fn loyalty_types_are_send_and_sync() {
    use carekit::calendar::Span;
    use carekit::loyalty::*;
    send_sync::<LoyaltyProgramme>();
    send_sync::<LoyaltyProgrammeBuilder>();
    send_sync::<Tier>();
    send_sync::<Measure>();
    send_sync::<Window>();
    send_sync::<Span>();
    send_sync::<DowngradePolicy>();
    send_sync::<DowngradeRule>();
    send_sync::<PointsRule>();
    send_sync::<EventId>();
    send_sync::<LoyaltyEvent>();
    send_sync::<LoyaltyEventKind>();
    send_sync::<Membership>();
    send_sync::<ManualFloor>();
    send_sync::<Evaluation>();
    send_sync::<TierChange>();
    send_sync::<ChangeReason>();
    send_sync::<Progress>();
    send_sync::<Keep>();
    send_sync::<PendingDowngrade>();
    send_sync::<PointsStatement>();
    send_sync::<PointsLot>();
    send_sync::<Expiry>();
    send_sync::<LoyaltyError>();
}

#[test]
fn metrics_scores_types_are_send_and_sync() {
    send_sync::<metrics::NpsConfig>();
    send_sync::<metrics::Nps>();
    send_sync::<metrics::NpsSummary>();
    send_sync::<metrics::WeightedNps>();
    send_sync::<metrics::WeightedNpsSummary>();
    send_sync::<metrics::CsatConfig>();
    send_sync::<metrics::Csat>();
    send_sync::<metrics::CsatSummary>();
    send_sync::<metrics::CesConfig>();
    send_sync::<metrics::CesPolarity>();
    send_sync::<metrics::Ces>();
    send_sync::<metrics::CesSummary>();
    send_sync::<metrics::Breakdown<Channel, metrics::Nps>>();
    send_sync::<carekit::calendar::Period>();
    send_sync::<carekit::calendar::PeriodKey>();
    send_sync::<carekit::calendar::Window>();
    send_sync::<carekit::calendar::Zone>();
    send_sync::<carekit::calendar::ZoneOffset>();
}

#[test]
fn calendar_types_are_send_and_sync() {
    send_sync::<calendar::BusinessCalendar<chrono::Utc>>();
    send_sync::<calendar::BusinessCalendar<chrono::FixedOffset>>();
    send_sync::<calendar::BusinessCalendar<chrono_tz::Tz>>();
    send_sync::<calendar::CalendarSpec>();
    send_sync::<calendar::WeekSchedule>();
    send_sync::<calendar::OpenInterval>();
    send_sync::<calendar::LocalTime>();
    send_sync::<calendar::CalendarError>();
}

#[test]
fn compensation_types_are_send_and_sync() {
    use carekit::compensation::*;
    send_sync::<OfferKind>();
    send_sync::<Percent>();
    send_sync::<OfferValue>();
    send_sync::<Offer>();
    send_sync::<Role>();
    send_sync::<Reason>();
    send_sync::<Requester>();
    send_sync::<Recipient>();
    send_sync::<Context>();
    send_sync::<Request>();
    send_sync::<Grant>();
    send_sync::<GrantHistory>();
    send_sync::<Fingerprint>();
    send_sync::<Explanation<'static>>();
    send_sync::<Scope>();
    send_sync::<Measure>();
    send_sync::<Action>();
    send_sync::<Filters>();
    send_sync::<Limit>();
    send_sync::<Policy>();
    send_sync::<CompiledPolicy>();
    send_sync::<PolicySet>();
    send_sync::<Problem>();
    send_sync::<ProblemKind>();
    send_sync::<Warning>();
    send_sync::<WarningKind>();
    send_sync::<Quantity>();
    send_sync::<Verdict>();
    send_sync::<Check>();
    send_sync::<Outcome>();
    send_sync::<Decision>();
    send_sync::<KindHeadroom>();
    send_sync::<Headroom>();
    send_sync::<WhatIf>();
    send_sync::<WhatIfGroup>();
}

/// `Result<T, Error>` is what every fallible call returns, so the error
/// stays small: long texts are boxed (`Box<str>`), a currency is four
/// bytes, and no variant carries more than two amounts and two ids.
#[test]
fn errors_stay_small() {
    use std::mem::size_of;
    assert!(
        size_of::<Error>() <= 88,
        "Error is {} bytes",
        size_of::<Error>()
    );
    for (name, size) in [
        ("MoneyError", size_of::<money::MoneyError>()),
        ("TimelineError", size_of::<TimelineError>()),
        ("StatsError", size_of::<stats::StatsError>()),
        ("MetricsError", size_of::<metrics::MetricsError>()),
        ("CalendarError", size_of::<calendar::CalendarError>()),
        ("SlaError", size_of::<sla::SlaError>()),
        ("LoyaltyError", size_of::<loyalty::LoyaltyError>()),
        (
            "CompensationError",
            size_of::<compensation::CompensationError>(),
        ),
    ] {
        assert!(size <= 80, "{name} is {size} bytes");
    }
    assert_eq!(size_of::<Money>(), 20);
    assert_eq!(size_of::<Currency>(), 4);
}
