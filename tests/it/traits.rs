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
    send_sync::<loyalty::Benefits>();
    send_sync::<loyalty::Multiplier>();
    send_sync::<loyalty::Perk>();
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
    send_sync::<metrics::Period>();
    send_sync::<metrics::PeriodKey>();
}
