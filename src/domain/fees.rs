//! The processing fees, as data with the date each price takes effect: prices change every
//! 1 January and with changes in the law, so no amount is a constant in code. The fee of an
//! application is the price of its fee category (derived from the answers by the form engine,
//! `forms::derive::fee_category`) on the day it is paid; the server computes it, the browser
//! never supplies an amount.
//!
//! Figures are the online prices in `shared/design/DOMAIN.md`. Where that says a figure is
//! unconfirmed (or its sources disagree), the price is kept and marked `confirmed: false`;
//! where it found no figure for a year, the last known price stays in force (and stays marked).
//! Every application the catalogue has is the adult variant, so no reduced fee for minors
//! applies to any of them yet.

use super::date::Date;

/// One price of one fee category, from `from` until the category's next price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tariff {
    /// The form engine's fee category (`fee-{category}` names it).
    pub category: &'static str,
    pub from: Date,
    /// The online fee, in euro cents.
    pub cents: u32,
    /// Whether the figure is confirmed; `false`: approximate, from other sources, until the
    /// immigration service's list confirms it.
    pub confirmed: bool,
}

/// The fee of a category on a day: the tariff in force, and the decree that sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Price {
    pub category: &'static str,
    pub cents: u32,
    pub confirmed: bool,
    /// The Fluent message of its legal basis: the decree in force on the day, the same for
    /// every category (a price carried over from an earlier year is set by this year's decree).
    pub basis: &'static str,
}

/// The fee decrees, each in force from its date (one a year) until the next.
const DECREES: &[(Date, &str)] = &[(Y2025, "fee-basis-2025"), (Y2026, "fee-basis-2026")];

/// The Fluent message of the fee decree in force on `day`.
pub fn basis_on(day: Date) -> &'static str {
    DECREES.iter().rev().find(|(from, _)| *from <= day).map_or(DECREES[0].1, |(_, basis)| basis)
}

/// How many days ahead a price change is announced.
pub const WARN_DAYS: i64 = 30;

const Y2025: Date = Date::known(2025, 1, 1);
const Y2026: Date = Date::known(2026, 1, 1);

const fn price(category: &'static str, from: Date, euros: u32, confirmed: bool) -> Tariff {
    Tariff { category, from, cents: euros * 100, confirmed }
}

/// Every price, oldest first within a category.
pub const SCHEDULE: &[Tariff] = &[
    price("first-employed", Y2025, 590, true),
    price("first-employed", Y2026, 750, true),
    // "About 480" (EU Blue Card and specialists); no 2026 figure found.
    price("first-specialist", Y2025, 480, false),
    // "About 450"; no 2026 figure found.
    price("first-student", Y2025, 450, false),
    price("first-family", Y2025, 530, true),
    price("first-family", Y2026, 750, true),
    price("extended", Y2025, 170, true),
    // 230 by most sources, 210 by one.
    price("extended", Y2026, 230, false),
    price("permanent-p", Y2025, 240, true),
    price("permanent-p", Y2026, 380, true),
    price("permanent-p-eu", Y2025, 240, true),
    price("permanent-p-eu", Y2026, 380, true),
    // "About 520"; no 2026 figure found.
    price("citizenship", Y2025, 520, false),
];

/// The tariff of `category` in force on `day`: its latest that has taken effect.
fn tariff_on(category: &str, day: Date) -> Option<Tariff> {
    SCHEDULE.iter().filter(|p| p.category == category && p.from <= day).max_by_key(|p| p.from).copied()
}

/// The price of `category` on `day`, with the decree in force that day.
pub fn price_on(category: &str, day: Date) -> Option<Price> {
    tariff_on(category, day).map(|tariff| Price {
        category: tariff.category,
        cents: tariff.cents,
        confirmed: tariff.confirmed,
        basis: basis_on(day),
    })
}

/// A price change within [`WARN_DAYS`] of `day`: today's price, the next, and the last day
/// today's applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub now: Tariff,
    pub next: Tariff,
    pub last_day: Date,
}

pub fn change_ahead(category: &str, day: Date) -> Option<Change> {
    let now = tariff_on(category, day)?;
    let next = SCHEDULE
        .iter()
        .filter(|p| p.category == category && p.from > day)
        .min_by_key(|p| p.from)
        .copied()
        .filter(|next| next.from.days_since_epoch() - day.days_since_epoch() <= WARN_DAYS)?;
    Some(Change { now, next, last_day: next.from.add_days(-1) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn every_date_in_the_schedule_exists_and_every_category_is_priced_from_2025() {
        for price in SCHEDULE {
            let (d, m, y) = price.from.parts();
            assert_eq!(Date::new(y, m, d), Some(price.from), "{price:?}");
        }
        for def in crate::forms::catalogue::Catalogue::published().all() {
            for rule in def.fees {
                assert!(price_on(rule.id, day(2025, 1, 1)).is_some(), "{} has no price", rule.id);
            }
        }
    }

    /// The online prices of `shared/design/DOMAIN.md`, on either side of 1 January 2026.
    #[test]
    fn each_application_type_costs_the_schedules_price_either_side_of_new_year_2026() {
        let expected = [
            ("first-employed", 590, 750),
            ("first-specialist", 480, 480),
            ("first-student", 450, 450),
            ("first-family", 530, 750),
            ("extended", 170, 230),
            ("permanent-p", 240, 380),
            ("permanent-p-eu", 240, 380),
            ("citizenship", 520, 520),
        ];
        for (category, before, after) in expected {
            assert_eq!(price_on(category, day(2025, 12, 31)).unwrap().cents, before * 100, "{category}");
            assert_eq!(price_on(category, day(2026, 1, 1)).unwrap().cents, after * 100, "{category}");
        }
        assert!(price_on("first-employed", day(2024, 12, 31)).is_none(), "nothing is priced before the schedule");
        assert!(!price_on("citizenship", day(2026, 6, 1)).unwrap().confirmed, "an unconfirmed figure stays marked");
        assert_eq!(price_on("first-family", day(2026, 1, 1)).unwrap().basis, "fee-basis-2026");
    }

    /// B27: in one month every form cites the same decree, also a price carried over from
    /// the year before (no 2026 figure is known for citizenship).
    #[test]
    fn every_category_cites_the_decree_in_force_on_the_day() {
        for (on, basis) in [(day(2025, 6, 1), "fee-basis-2025"), (day(2026, 6, 1), "fee-basis-2026")] {
            for price in SCHEDULE {
                assert_eq!(price_on(price.category, on).unwrap().basis, basis, "{} on {on:?}", price.category);
            }
        }
        assert_eq!(basis_on(day(2026, 12, 31)), "fee-basis-2026");
    }

    #[test]
    fn a_change_is_announced_thirty_days_ahead_and_not_after_it() {
        assert_eq!(change_ahead("first-employed", day(2025, 12, 1)), None, "31 days ahead");
        let change = change_ahead("first-employed", day(2025, 12, 2)).unwrap();
        assert_eq!((change.now.cents, change.next.cents, change.last_day), (59_000, 75_000, day(2025, 12, 31)));
        assert!(change_ahead("first-employed", day(2025, 12, 31)).is_some());
        assert_eq!(change_ahead("first-employed", day(2026, 1, 1)), None);
        assert_eq!(change_ahead("citizenship", day(2025, 12, 20)), None, "no new price known");
    }
}
