//! Residence time for citizenship and for the permanent residence permit: how much of it an
//! applicant has, and **the earliest day an application can succeed** on it, with the rule that
//! decides that day. Shared by the server (the calculators' pages, the drafts' check) and the
//! browser.
//!
//! The requirements are data with the day each takes effect, like the fees (`fees.rs`): a
//! change of the law is a new row of [`RULES`], and the row in force on the day an application
//! is sent is the one it is judged by. From `shared/design/DOMAIN.md`:
//! - Citizenship, from 1 October 2024: 8 years' continuous residence, 5 with the language
//!   requirement met, as the spouse of a Finnish citizen, or stateless; only time with a
//!   residence permit (or a registered EU right of residence) counts; at most 365 days abroad
//!   within the period and at most 90 within its last year.
//! - Permanent permit, from 8 January 2026: 6 years' continuous residence on a continuous (A)
//!   permit, 4 on the fast track; before that, 4 years. Residence is continuous while at
//!   least half of the period was spent in Finland.
//!
//! Days of departure and return count as days in Finland, as the immigration service counts
//! them: a trip from the 1st to the 3rd is one day abroad.

use super::date::Date;

/// What the residence time is counted for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Goal {
    Citizenship,
    Permanent,
}

impl Goal {
    pub const ALL: [Goal; 2] = [Goal::Citizenship, Goal::Permanent];

    /// In addresses and message ids: `citizenship`, `permanent`.
    pub fn code(self) -> &'static str {
        match self {
            Goal::Citizenship => "citizenship",
            Goal::Permanent => "permanent",
        }
    }

    pub fn from_code(code: &str) -> Option<Goal> {
        Goal::ALL.into_iter().find(|goal| goal.code() == code)
    }

    /// The tracks an applicant can be on, the usual one first.
    pub fn tracks(self) -> &'static [Track] {
        &[Track::Standard, Track::Shorter]
    }
}

/// Which requirement of residence time applies: the usual one, or the shorter one of those
/// who meet its other grounds (citizenship: the language requirement, a Finnish spouse or
/// statelessness; the permanent permit: the fast track's income, degree or language).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Track {
    Standard,
    Shorter,
}

impl Track {
    pub fn code(self) -> &'static str {
        match self {
            Track::Standard => "standard",
            Track::Shorter => "shorter",
        }
    }

    pub fn from_code(code: &str) -> Option<Track> {
        [Track::Standard, Track::Shorter].into_iter().find(|track| track.code() == code)
    }
}

/// What a period in Finland was lived on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// A continuous residence permit (A).
    Continuous,
    /// A temporary residence permit (B).
    Temporary,
    /// A registered right of residence of an EU or Nordic citizen, or their family member's
    /// residence card.
    EuRight,
    /// Waiting for a decision on a first residence permit or on asylum, without a permit.
    Waiting,
    /// A visa or a visa-free stay.
    Visa,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Continuous, Status::Temporary, Status::EuRight, Status::Waiting, Status::Visa];

    /// In forms and message ids.
    pub fn code(self) -> &'static str {
        match self {
            Status::Continuous => "continuous",
            Status::Temporary => "temporary",
            Status::EuRight => "eu-right",
            Status::Waiting => "waiting",
            Status::Visa => "visa",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// How many days abroad a period may hold and still be continuous residence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbroadLimit {
    Days(u32),
    /// Less than half of the period (the permanent permit: at least half of it in Finland).
    HalfOfPeriod,
}

/// One requirement of residence time, in force from `from` until its goal and track's next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub goal: Goal,
    pub track: Track,
    pub from: Date,
    /// The years of continuous residence needed, up to the day the application is sent.
    pub years: u32,
    /// The statuses whose time counts.
    pub counts: &'static [Status],
    pub abroad: AbroadLimit,
    /// The most days abroad within the last year before the application, if limited.
    pub abroad_last_year: Option<u32>,
    /// The Fluent message naming the law that sets it.
    pub basis: &'static str,
}

const PERMITS: &[Status] = &[Status::Continuous, Status::Temporary, Status::EuRight];
const CONTINUOUS_PERMIT: &[Status] = &[Status::Continuous];

const CITIZENSHIP_2024: Date = Date::known(2024, 10, 1);
const ALIENS_ACT_2004: Date = Date::known(2004, 5, 1);
const PERMANENT_2026: Date = Date::known(2026, 1, 8);

const fn citizenship(track: Track, years: u32) -> Rule {
    Rule {
        goal: Goal::Citizenship,
        track,
        from: CITIZENSHIP_2024,
        years,
        counts: PERMITS,
        abroad: AbroadLimit::Days(365),
        abroad_last_year: Some(90),
        basis: "residence-basis-citizenship-2024",
    }
}

const fn permanent(track: Track, from: Date, years: u32, basis: &'static str) -> Rule {
    Rule {
        goal: Goal::Permanent,
        track,
        from,
        years,
        counts: CONTINUOUS_PERMIT,
        abroad: AbroadLimit::HalfOfPeriod,
        abroad_last_year: None,
        basis,
    }
}

/// Every requirement, oldest first within a goal and track. Citizenship before 1 October 2024
/// is not here: the calculators count from today on, so no application they judge can fall
/// under it.
pub const RULES: &[Rule] = &[
    citizenship(Track::Standard, 8),
    citizenship(Track::Shorter, 5),
    // Before the fast track existed, four years was every applicant's requirement.
    permanent(Track::Standard, ALIENS_ACT_2004, 4, "residence-basis-permanent-2004"),
    permanent(Track::Shorter, ALIENS_ACT_2004, 4, "residence-basis-permanent-2004"),
    permanent(Track::Standard, PERMANENT_2026, 6, "residence-basis-permanent-2026"),
    permanent(Track::Shorter, PERMANENT_2026, 4, "residence-basis-permanent-2026"),
];

/// The requirement in force on `day` for `goal` on `track`, if the law had one then.
pub fn rule_on(goal: Goal, track: Track, day: Date) -> Option<&'static Rule> {
    RULES
        .iter()
        .filter(|rule| rule.goal == goal && rule.track == track && rule.from <= day)
        .max_by_key(|rule| rule.from)
}

/// A period lived in Finland, both days included; `to: None` while it goes on (the permit is
/// assumed to stay in force, as it is when extended in time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Option<Date>,
    pub status: Status,
}

/// A trip abroad: left Finland on `from`, came back on `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trip {
    pub from: Date,
    pub to: Date,
}

impl Trip {
    /// The days abroad within `[start, end)`: the days between leaving and coming back.
    fn days_within(&self, start: i64, end: i64) -> i64 {
        let (first, last) = (day_number(self.from) + 1, day_number(self.to) - 1);
        (last.min(end - 1) - first.max(start) + 1).max(0)
    }
}

fn day_number(day: Date) -> i64 {
    day.days_since_epoch()
}

/// Why an application sent on a day would fail on residence time, or the requirement it meets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decider {
    /// The years of residence that count are not complete.
    Years,
    /// Too many days abroad within the period.
    AbroadTotal,
    /// Too many days abroad within the last year.
    AbroadLastYear,
}

impl Decider {
    pub fn code(self) -> &'static str {
        match self {
            Decider::Years => "years",
            Decider::AbroadTotal => "abroad-total",
            Decider::AbroadLastYear => "abroad-last-year",
        }
    }
}

/// How an application sent on one day fares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judged {
    pub rule: &'static Rule,
    /// The first day of the period of whole years that must be residence.
    pub period_from: Date,
    pub abroad: i64,
    /// The most days abroad the period may hold.
    pub abroad_most: i64,
    pub abroad_last_year: i64,
    /// What it fails on, first the years; empty: it meets the requirement.
    pub fails: Vec<Decider>,
}

/// Judges an application sent on `day` against the requirement then in force.
pub fn judge(goal: Goal, track: Track, periods: &[Period], trips: &[Trip], day: Date) -> Option<Judged> {
    let rule = rule_on(goal, track, day)?;
    judge_by(rule, &Stretches::of(rule.counts, periods), trips, day)
}

/// [`judge`] by `rule`, with the stretches of residence its statuses make.
fn judge_by(rule: &'static Rule, stretches: &Stretches, trips: &[Trip], day: Date) -> Option<Judged> {
    let period_from = day.years_before(rule.years);
    let (start, end) = (day_number(period_from), day_number(day));
    let abroad: i64 = trips.iter().map(|trip| trip.days_within(start, end)).sum();
    let year_start = day_number(day.years_before(1));
    let abroad_last_year: i64 = trips.iter().map(|trip| trip.days_within(year_start, end)).sum();
    let mut fails = Vec::new();
    if stretches.since(end - 1).is_none_or(|first| first > start) {
        fails.push(Decider::Years);
    }
    let abroad_most = match rule.abroad {
        AbroadLimit::Days(days) => i64::from(days),
        // At least half of the period in Finland.
        AbroadLimit::HalfOfPeriod => (end - start) / 2,
    };
    if abroad > abroad_most {
        fails.push(Decider::AbroadTotal);
    }
    if rule.abroad_last_year.is_some_and(|most| abroad_last_year > i64::from(most)) {
        fails.push(Decider::AbroadLastYear);
    }
    Some(Judged { rule, period_from, abroad, abroad_most, abroad_last_year, fails })
}

/// The unbroken stretches of counted residence, as day numbers, both ends included: periods
/// of a status that counts, joined where one starts at most a day after the previous ends.
struct Stretches {
    counts: &'static [Status],
    spans: Vec<(i64, i64)>,
}

impl Stretches {
    fn of(counts: &'static [Status], periods: &[Period]) -> Stretches {
        let mut periods: Vec<(i64, i64)> = periods
            .iter()
            .filter(|period| counts.contains(&period.status))
            .map(|period| (day_number(period.from), period.to.map_or(i64::MAX, day_number)))
            .filter(|(from, to)| from <= to)
            .collect();
        periods.sort();
        let mut spans: Vec<(i64, i64)> = Vec::new();
        for (from, to) in periods {
            match spans.last_mut() {
                Some((_, end)) if from <= end.saturating_add(1) => *end = (*end).max(to),
                _ => spans.push((from, to)),
            }
        }
        Stretches { counts, spans }
    }

    /// The first day of the stretch that includes day `last`, if `last` is counted.
    fn since(&self, last: i64) -> Option<i64> {
        self.spans.iter().find(|(first, end)| *first <= last && last <= *end).map(|(first, _)| *first)
    }

    /// The last day counted at all.
    fn reach(&self) -> Option<i64> {
        self.spans.last().map(|(_, end)| *end)
    }
}

/// How far ahead the earliest day is looked for: beyond it, the periods entered do not reach.
pub const HORIZON_YEARS: u32 = 20;

/// The calculator's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reckoning {
    /// Counted residence up to and including today, in days: the unbroken stretch that
    /// includes today (none when today is not counted).
    pub counted_days: i64,
    /// Each period's days within that stretch, in the order entered.
    pub contributions: Vec<i64>,
    /// The earliest day from today on when an application meets the requirement, judged by
    /// the requirement in force that day; none within [`HORIZON_YEARS`].
    pub earliest: Option<Judged>,
    pub earliest_day: Option<Date>,
    /// What held the earliest day back: what an application sent the day before it would fail
    /// on. Empty when the earliest day is today.
    pub decided_by: Vec<Decider>,
    /// How an application sent today would fare.
    pub today: Option<Judged>,
}

/// Counts residence time for `goal` on `track` from the periods and trips entered, as of
/// `today`.
pub fn reckon(goal: Goal, track: Track, periods: &[Period], trips: &[Trip], today: Date) -> Reckoning {
    let counts = rule_on(goal, track, today).map_or(PERMITS, |rule| rule.counts);
    let now = day_number(today);
    let stretch = Stretches::of(counts, periods).since(now);
    let contributions = periods
        .iter()
        .map(|period| match stretch {
            Some(first) if counts.contains(&period.status) => {
                let from = day_number(period.from).max(first);
                let to = period.to.map_or(now, day_number).min(now);
                (to - from + 1).max(0)
            }
            _ => 0,
        })
        .collect();
    let counted_days = stretch.map_or(0, |first| now - first + 1);
    let last = today.add_months(12 * HORIZON_YEARS);
    let mut day = today;
    let mut before: Option<Judged> = None;
    let mut earliest = None;
    // Each rule's stretches, made once: rules differ in the statuses that count.
    let mut made: Vec<Stretches> = Vec::new();
    while day <= last {
        let Some(rule) = rule_on(goal, track, day) else {
            before = None;
            day = day.add_days(1);
            continue;
        };
        let at = match made.iter().position(|stretches| stretches.counts == rule.counts) {
            Some(at) => at,
            None => {
                made.push(Stretches::of(rule.counts, periods));
                made.len() - 1
            }
        };
        let stretches = &made[at];
        // Past the last day counted, no later day can be residence: none succeeds.
        if stretches.reach().is_none_or(|reach| day_number(day) - 1 > reach) {
            break;
        }
        let judged = judge_by(rule, stretches, trips, day).expect("a rule is in force");
        if judged.fails.is_empty() {
            earliest = Some(judged);
            break;
        }
        day = next_day_to_judge(goal, track, rule, stretches, &judged, day);
        // A skip stops a day short of the years' completion, so the day before the earliest
        // is judged, and its failures are what decide the earliest day.
        before = Some(judged);
    }
    let earliest_day = earliest.as_ref().map(|_| day);
    let decided_by = match (&earliest, before) {
        (Some(_), Some(before)) => before.fails,
        _ => Vec::new(),
    };
    Reckoning {
        counted_days,
        contributions,
        earliest,
        earliest_day,
        decided_by,
        today: judge(goal, track, periods, trips, today),
    }
}

/// The next day worth judging after `day`, which failed as `judged` says: when only the years
/// are short, the day they are complete (never past the next change of the rules, which may
/// count otherwise); else the next day.
fn next_day_to_judge(goal: Goal, track: Track, rule: &Rule, stretches: &Stretches, judged: &Judged, day: Date) -> Date {
    let next = day.add_days(1);
    if judged.fails != [Decider::Years] {
        return next;
    }
    let Some(first) = stretches.since(day_number(day) - 1) else { return next };
    let complete = Date::from_unix_seconds(first * 86_400).add_months(12 * rule.years);
    let change = RULES
        .iter()
        .filter(|other| other.goal == goal && other.track == track && other.from > day)
        .map(|other| other.from)
        .min();
    let target = change.map_or(complete, |change| complete.min(change));
    // The years were short on `day`: the last day they are still short is the one before.
    target.add_days(-1).max(next)
}

/// Whole years and the days over them, as a count of days reads: 2,922 days is 8 years
/// and 0 days (a year being 365.25 days on average).
pub fn years_and_days(days: i64) -> (i64, i64) {
    let years = days * 4 / 1461;
    (years, days - years * 1461 / 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(year: i32, month: u32, day: u32) -> Date {
        Date::new(year, month, day).unwrap()
    }

    fn on(status: Status, from: Date, to: Option<Date>) -> Period {
        Period { from, to, status }
    }

    fn trip(from: Date, to: Date) -> Trip {
        Trip { from, to }
    }

    #[test]
    fn every_rule_date_exists() {
        for rule in RULES {
            let (d, m, y) = rule.from.parts();
            assert_eq!(Date::new(y, m, d), Some(rule.from));
        }
    }

    #[test]
    fn the_rule_in_force_follows_the_day() {
        let before = rule_on(Goal::Permanent, Track::Standard, day(2026, 1, 7)).unwrap();
        let after = rule_on(Goal::Permanent, Track::Standard, day(2026, 1, 8)).unwrap();
        assert_eq!((before.years, after.years), (4, 6));
        assert_eq!(rule_on(Goal::Citizenship, Track::Standard, day(2024, 9, 30)), None);
        assert_eq!(rule_on(Goal::Citizenship, Track::Shorter, day(2024, 10, 1)).unwrap().years, 5);
    }

    #[test]
    fn a_trip_counts_the_days_between_leaving_and_coming_back() {
        let t = trip(day(2026, 6, 1), day(2026, 6, 3));
        let (start, end) = (day_number(day(2026, 1, 1)), day_number(day(2027, 1, 1)));
        assert_eq!(t.days_within(start, end), 1);
        assert_eq!(trip(day(2026, 6, 1), day(2026, 6, 1)).days_within(start, end), 0);
        // Cut at the period's edges.
        assert_eq!(trip(day(2025, 12, 20), day(2026, 1, 11)).days_within(start, end), 10);
    }

    /// Worked examples of the rules in `shared/design/DOMAIN.md`: (what, goal, track,
    /// periods, trips, today, the earliest day, what decided it).
    #[test]
    fn worked_examples() {
        use Decider::*;
        use Goal::*;
        use Status::*;
        use Track::*;
        type Example = (&'static str, Goal, Track, Vec<Period>, Vec<Trip>, Date, Option<Date>, Vec<Decider>);
        let examples: Vec<Example> = vec![
            (
                "citizenship: eight years on permits, from the first permit",
                Citizenship,
                Standard,
                vec![on(Temporary, day(2019, 3, 1), Some(day(2021, 2, 28))), on(Continuous, day(2021, 3, 1), None)],
                vec![],
                day(2026, 12, 7),
                Some(day(2027, 3, 1)),
                vec![Years],
            ),
            (
                "citizenship with the language requirement met: five years, eligible today",
                Citizenship,
                Shorter,
                vec![on(Temporary, day(2019, 3, 1), Some(day(2021, 2, 28))), on(Continuous, day(2021, 3, 1), None)],
                vec![],
                day(2026, 12, 7),
                Some(day(2026, 12, 7)),
                vec![],
            ),
            (
                "time waiting for a decision does not count: the years start at the permit",
                Citizenship,
                Shorter,
                vec![on(Waiting, day(2020, 1, 10), Some(day(2021, 1, 14))), on(Temporary, day(2021, 1, 15), None)],
                vec![],
                day(2026, 1, 1),
                Some(day(2026, 1, 15)),
                vec![Years],
            ),
            (
                "a gap between permits breaks the residence: counted again from the new permit",
                Citizenship,
                Shorter,
                vec![on(Temporary, day(2015, 1, 1), Some(day(2020, 5, 31))), on(Temporary, day(2020, 7, 1), None)],
                vec![],
                day(2025, 1, 1),
                Some(day(2025, 7, 1)),
                vec![Years],
            ),
            (
                "91 days abroad in the last year: eligible once the trip is more than a year back",
                Citizenship,
                Shorter,
                vec![on(Continuous, day(2015, 1, 1), None)],
                // Left 1.3.2026, back 31.5.2026: 90 days between (March 30, April 30, May 30).
                vec![trip(day(2026, 3, 1), day(2026, 5, 31)), trip(day(2026, 8, 1), day(2026, 8, 3))],
                day(2026, 9, 1),
                // On 3.3.2027 the window [3.3.2026, 3.3.2027) holds 89 + 1 days.
                Some(day(2027, 3, 3)),
                vec![AbroadLastYear],
            ),
            (
                "more than 365 days abroad within the eight years: the period must move past them",
                Citizenship,
                Standard,
                vec![on(Continuous, day(2010, 1, 1), None)],
                // 1.1.2020–2.1.2021: 366 days between.
                vec![trip(day(2020, 1, 1), day(2021, 1, 2))],
                day(2026, 12, 7),
                // The eight years from 3.1.2020 hold 365 days abroad.
                Some(day(2028, 1, 3)),
                vec![AbroadTotal],
            ),
            (
                "permanent permit: six years on a continuous permit since 8.1.2026",
                Permanent,
                Standard,
                vec![on(Temporary, day(2019, 5, 1), Some(day(2020, 4, 30))), on(Continuous, day(2020, 5, 1), None)],
                vec![],
                day(2026, 1, 7),
                // Four years were enough until 7.1.2026: eligible today, under the old law.
                Some(day(2026, 1, 7)),
                vec![],
            ),
            (
                "permanent permit under the new law: B-permit time does not count",
                Permanent,
                Standard,
                vec![on(Temporary, day(2019, 5, 1), Some(day(2020, 4, 30))), on(Continuous, day(2020, 5, 1), None)],
                vec![],
                day(2026, 1, 8),
                Some(day(2026, 5, 1)),
                vec![Years],
            ),
            (
                "permanent permit, fast track: four years",
                Permanent,
                Shorter,
                vec![on(Continuous, day(2023, 6, 15), None)],
                vec![],
                day(2026, 12, 7),
                Some(day(2027, 6, 15)),
                vec![Years],
            ),
            (
                "permanent permit: a permit that ends before the years are complete reaches no day",
                Permanent,
                Standard,
                vec![on(Continuous, day(2023, 6, 15), Some(day(2027, 6, 14)))],
                vec![],
                day(2026, 12, 7),
                None,
                vec![],
            ),
        ];
        for (what, goal, track, periods, trips, today, earliest, decided_by) in examples {
            let reckoning = reckon(goal, track, &periods, &trips, today);
            assert_eq!(reckoning.earliest_day, earliest, "{what}");
            assert_eq!(reckoning.decided_by, decided_by, "{what}");
        }
    }

    #[test]
    fn counted_time_and_each_periods_share() {
        let periods = [
            on(Status::Temporary, day(2018, 1, 1), Some(day(2018, 12, 31))),
            on(Status::Visa, day(2019, 1, 1), Some(day(2019, 1, 31))),
            on(Status::Temporary, day(2019, 2, 1), Some(day(2020, 1, 31))),
            on(Status::Continuous, day(2020, 2, 1), None),
        ];
        let reckoning = reckon(Goal::Citizenship, Track::Standard, &periods, &[], day(2021, 1, 31));
        // The visa month broke the residence: only the permits since 1.2.2019 count.
        assert_eq!(reckoning.contributions, vec![0, 0, 365, 366]);
        assert_eq!(reckoning.counted_days, 731);
        assert_eq!(years_and_days(731), (2, 1));
        assert_eq!(years_and_days(2922), (8, 0));
    }

    fn a_day() -> impl Strategy<Value = Date> {
        (0i64..9000).prop_map(|n| day(2005, 1, 1).add_days(n))
    }

    fn periods() -> impl Strategy<Value = Vec<Period>> {
        let status = prop::sample::select(Status::ALL.to_vec());
        prop::collection::vec(
            (a_day(), prop::option::of(0i64..4000), status).prop_map(|(from, length, status)| Period {
                from,
                to: length.map(|n| from.add_days(n)),
                status,
            }),
            0..5,
        )
    }

    fn trips() -> impl Strategy<Value = Vec<Trip>> {
        prop::collection::vec(a_trip(), 0..6)
    }

    fn a_trip() -> impl Strategy<Value = Trip> {
        (a_day(), 0i64..400).prop_map(|(from, length)| Trip { from, to: from.add_days(length) })
    }

    fn goal_and_track() -> impl Strategy<Value = (Goal, Track)> {
        (prop::sample::select(Goal::ALL.to_vec()), prop::sample::select(vec![Track::Standard, Track::Shorter]))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// A trip more never brings the earliest day nearer.
        #[test]
        fn adding_a_trip_never_moves_the_earliest_day_earlier(
            (goal, track) in goal_and_track(), periods in periods(), trips in trips(), extra in a_trip(),
            today in (0i64..600).prop_map(|n| day(2026, 1, 1).add_days(n)),
        ) {
            let without = reckon(goal, track, &periods, &trips, today).earliest_day;
            let mut more = trips.clone();
            more.push(extra);
            let with = reckon(goal, track, &periods, &more, today).earliest_day;
            match (without, with) {
                (Some(without), Some(with)) => prop_assert!(with >= without),
                (None, Some(with)) => prop_assert!(false, "a trip made {with:?} possible"),
                _ => {}
            }
        }

        /// The days skipped are days that fail: the earliest day is the first of a day-by-day
        /// search, and what decides it is how the day before it fails.
        #[test]
        fn skipping_ahead_finds_what_judging_every_day_finds(
            (goal, track) in goal_and_track(), periods in periods(), trips in trips(),
            today in (0i64..600).prop_map(|n| day(2026, 1, 1).add_days(n)),
        ) {
            let reckoning = reckon(goal, track, &periods, &trips, today);
            let last = today.add_months(12 * HORIZON_YEARS);
            let mut day = today;
            let mut found = None;
            while day <= last {
                if judge(goal, track, &periods, &trips, day).is_some_and(|judged| judged.fails.is_empty()) {
                    found = Some(day);
                    break;
                }
                day = day.add_days(1);
            }
            prop_assert_eq!(reckoning.earliest_day, found);
        }

        /// The earliest day meets the requirement, and no day before it from today on does.
        #[test]
        fn the_earliest_day_is_the_first_that_succeeds(
            (goal, track) in goal_and_track(), periods in periods(), trips in trips(),
            today in (0i64..600).prop_map(|n| day(2026, 1, 1).add_days(n)),
        ) {
            let reckoning = reckon(goal, track, &periods, &trips, today);
            if let Some(earliest) = reckoning.earliest_day {
                prop_assert!(earliest >= today);
                prop_assert!(judge(goal, track, &periods, &trips, earliest).unwrap().fails.is_empty());
                if earliest > today {
                    let before = judge(goal, track, &periods, &trips, earliest.add_days(-1)).unwrap();
                    prop_assert_eq!(before.fails, reckoning.decided_by);
                }
            }
        }
    }
}
