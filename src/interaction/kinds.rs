use std::fmt;

macro_rules! display_names {
    ($ty:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(match self { $(Self::$variant => $name),* })
            }
        }

        impl $ty {
            /// Every value, in declaration order.
            ///
            /// ```
            #[doc = concat!("assert!(carekit::", stringify!($ty), "::ALL.len() >= 2);")]
            /// ```
            pub const ALL: &'static [$ty] = &[$(Self::$variant),*];

            /// The `snake_case` name used in JSON and in [`Display`](fmt::Display).
            ///
            /// ```
            #[doc = concat!("for v in carekit::", stringify!($ty), "::ALL {")]
            ///     assert_eq!(v.name(), v.to_string());
            /// }
            /// ```
            pub fn name(self) -> &'static str {
                match self { $(Self::$variant => $name),* }
            }
        }
    };
}

/// The channel a customer used (or was reached on).
///
/// ```
/// use carekit::Channel;
/// assert_eq!(Channel::SocialMedia.to_string(), "social_media");
/// assert_eq!(Channel::ALL.len(), 7);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Channel {
    /// A voice call.
    Phone,
    /// E-mail.
    Email,
    /// Live chat on the web or in an app.
    Chat,
    /// Asynchronous messaging (`WhatsApp`, SMS, in-app inbox).
    Messaging,
    /// Public or private messages on social networks.
    SocialMedia,
    /// Face to face: a store, a branch, a visit.
    InPerson,
    /// Help-centre articles, bots and other self-service.
    SelfService,
}

display_names!(Channel {
    Phone => "phone",
    Email => "email",
    Chat => "chat",
    Messaging => "messaging",
    SocialMedia => "social_media",
    InPerson => "in_person",
    SelfService => "self_service",
});

/// How urgent an interaction is; ordered `Low < Normal < High < Urgent`.
///
/// ```
/// use carekit::Priority;
/// assert!(Priority::Urgent > Priority::Normal);
/// assert_eq!(Priority::default(), Priority::Normal);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Priority {
    /// Can wait.
    Low,
    /// The default.
    #[default]
    Normal,
    /// Needs attention soon.
    High,
    /// Needs attention now.
    Urgent,
}

display_names!(Priority {
    Low => "low",
    Normal => "normal",
    High => "high",
    Urgent => "urgent",
});

/// Who reached out first.
///
/// ```
/// use carekit::Direction;
/// assert_eq!(Direction::default(), Direction::Inbound);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Direction {
    /// The customer contacted the business.
    #[default]
    Inbound,
    /// The business reached out first (proactive care).
    Outbound,
}

display_names!(Direction {
    Inbound => "inbound",
    Outbound => "outbound",
});

/// The status of an interaction, as helpdesks model it.
///
/// | status | who is waiting | clocks it feeds |
/// |---|---|---|
/// | `New` | the customer, nobody has looked yet | requester wait, agent work |
/// | `Open` | the customer, an agent is on it | requester wait, agent work |
/// | `Pending` | the agent, waiting on the customer | agent wait |
/// | `OnHold` | both, waiting on a third party | requester wait, on-hold |
/// | `Solved` | nobody; the customer may still reopen | — |
/// | `Closed` | nobody; final, nothing may follow | — |
///
/// ```
/// use carekit::Status;
/// assert_eq!(Status::OnHold.to_string(), "on_hold");
/// assert!(Status::Solved.is_solved());
/// assert!(Status::Closed.is_solved());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Status {
    /// Created, not yet touched by an agent.
    New,
    /// An agent is working on it.
    Open,
    /// Waiting on the customer.
    Pending,
    /// Waiting on a third party.
    OnHold,
    /// Solved; may be reopened.
    Solved,
    /// Closed; final.
    Closed,
}

display_names!(Status {
    New => "new",
    Open => "open",
    Pending => "pending",
    OnHold => "on_hold",
    Solved => "solved",
    Closed => "closed",
});

impl Status {
    /// `Solved` or `Closed`.
    ///
    /// ```
    /// assert!(!carekit::Status::Pending.is_solved());
    /// ```
    pub fn is_solved(self) -> bool {
        matches!(self, Self::Solved | Self::Closed)
    }
}

/// Whether an agent's reply is visible to the customer.
///
/// ```
/// use carekit::Visibility;
/// assert_eq!(Visibility::default(), Visibility::Public);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Visibility {
    /// Sent to the customer.
    #[default]
    Public,
    /// An internal note, seen only by staff.
    Internal,
}

display_names!(Visibility {
    Public => "public",
    Internal => "internal",
});
