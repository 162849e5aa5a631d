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
    send_sync::<Period>();
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
