//! Occupations by the International Standard Classification of Occupations (ISCO-08), at the
//! level of its 43 sub-major groups (two digits), which the terms of employment name.
//!
//! Source: ILO, *International Standard Classification of Occupations, ISCO-08*, structure
//! (<https://www.ilo.org/public/english/bureau/stat/isco/isco08/>); the Finnish and Swedish
//! names follow Statistics Finland's Classification of Occupations 2010, its national
//! version (<https://www.stat.fi/en/luokitukset/ammatti/>). A change of the classification is a
//! change of this table.

use crate::i18n::Lang;

/// (ISCO-08 code, Finnish name, Swedish name, English name), by code.
pub const OCCUPATIONS: &[(&str, &str, &str, &str)] = &[
    ("01", "Upseerit", "Officerare", "Commissioned armed forces officers"),
    ("02", "Aliupseerit", "Underofficerare", "Non-commissioned armed forces officers"),
    ("03", "Sotilaat", "Soldater", "Armed forces occupations, other ranks"),
    (
        "11",
        "Johtajat, ylimmät virkamiehet ja järjestöjen johtajat",
        "Chefer, högre tjänstemän och ledare för organisationer",
        "Chief executives, senior officials and legislators",
    ),
    (
        "12",
        "Hallintojohtajat ja kaupalliset johtajat",
        "Chefer för administration och handel",
        "Administrative and commercial managers",
    ),
    (
        "13",
        "Tuotantotoiminnan ja yhteiskunnan peruspalvelujen johtajat",
        "Chefer för produktion och samhällets basservice",
        "Production and specialised services managers",
    ),
    (
        "14",
        "Hotelli- ja ravintola-alan, vähittäiskaupan ja muiden palvelualojen johtajat",
        "Chefer inom hotell, restaurang, detaljhandel och andra tjänster",
        "Hospitality, retail and other services managers",
    ),
    (
        "21",
        "Luonnontieteiden ja tekniikan erityisasiantuntijat",
        "Specialister inom naturvetenskap och teknik",
        "Science and engineering professionals",
    ),
    ("22", "Terveydenhuollon erityisasiantuntijat", "Specialister inom hälso- och sjukvård", "Health professionals"),
    (
        "23",
        "Opettajat ja muut opetusalan erityisasiantuntijat",
        "Lärare och andra specialister inom undervisning",
        "Teaching professionals",
    ),
    (
        "24",
        "Liike-elämän ja hallinnon erityisasiantuntijat",
        "Specialister inom affärsverksamhet och administration",
        "Business and administration professionals",
    ),
    (
        "25",
        "Tieto- ja viestintäteknologian erityisasiantuntijat",
        "Specialister inom informations- och kommunikationsteknik",
        "Information and communications technology professionals",
    ),
    (
        "26",
        "Lainopilliset, sosiaalialan ja kulttuurialan erityisasiantuntijat",
        "Specialister inom juridik, socialt arbete och kultur",
        "Legal, social and cultural professionals",
    ),
    (
        "31",
        "Luonnontieteiden ja tekniikan asiantuntijat",
        "Experter inom naturvetenskap och teknik",
        "Science and engineering associate professionals",
    ),
    ("32", "Terveydenhuollon asiantuntijat", "Experter inom hälso- och sjukvård", "Health associate professionals"),
    (
        "33",
        "Liike-elämän ja hallinnon asiantuntijat",
        "Experter inom affärsverksamhet och administration",
        "Business and administration associate professionals",
    ),
    (
        "34",
        "Lainopilliset avustajat sekä sosiaali- ja kulttuurialan asiantuntijat",
        "Juridiska assistenter samt experter inom socialt arbete och kultur",
        "Legal, social, cultural and related associate professionals",
    ),
    (
        "35",
        "Informaatio- ja tietoliikenneteknologian asiantuntijat",
        "Experter inom informations- och kommunikationsteknik",
        "Information and communications technicians",
    ),
    ("41", "Toimistotyöntekijät", "Kontorsassistenter", "General and keyboard clerks"),
    ("42", "Asiakaspalvelutyöntekijät", "Kundtjänstpersonal", "Customer services clerks"),
    (
        "43",
        "Laskennan ja varastoinnin toimistotyöntekijät",
        "Kontorspersonal inom redovisning och lager",
        "Numerical and material recording clerks",
    ),
    ("44", "Muut toimistotyöntekijät", "Övrig kontorspersonal", "Other clerical support workers"),
    ("51", "Palvelutyöntekijät", "Servicepersonal", "Personal service workers"),
    ("52", "Myyjät, kauppiaat ym.", "Försäljare, handlare m.fl.", "Sales workers"),
    ("53", "Hoivapalvelun ja terveydenhuollon työntekijät", "Vård- och omsorgspersonal", "Personal care workers"),
    ("54", "Suojelu- ja vartiointityöntekijät", "Skydds- och bevakningspersonal", "Protective services workers"),
    (
        "61",
        "Maanviljelijät, metsätyöntekijät ym.",
        "Jordbrukare, skogsarbetare m.fl.",
        "Market-oriented skilled agricultural workers",
    ),
    (
        "62",
        "Metsä- ja kalatalouden työntekijät",
        "Arbetare inom skogsbruk och fiske",
        "Market-oriented skilled forestry, fishery and hunting workers",
    ),
    (
        "63",
        "Kotitarve- ja omavaraisviljelijät, -kalastajat ja -metsästäjät",
        "Självhushållande jordbrukare, fiskare och jägare",
        "Subsistence farmers, fishers, hunters and gatherers",
    ),
    (
        "71",
        "Rakennustyöntekijät ym. (paitsi sähköasentajat)",
        "Byggnadsarbetare m.fl. (utom elmontörer)",
        "Building and related trades workers, excluding electricians",
    ),
    (
        "72",
        "Konepaja- ja valimotyöntekijät sekä asentajat ja korjaajat",
        "Arbetare inom metall- och maskinindustri samt montörer och reparatörer",
        "Metal, machinery and related trades workers",
    ),
    (
        "73",
        "Käsityötuotteiden valmistajat, hienomekaanikot sekä painoalan työntekijät",
        "Hantverkare, finmekaniker och grafiska arbetare",
        "Handicraft and printing workers",
    ),
    (
        "74",
        "Sähkö- ja elektroniikka-alan työntekijät",
        "Arbetare inom el och elektronik",
        "Electrical and electronic trades workers",
    ),
    (
        "75",
        "Elintarvike-, puutyö- ja vaatetusalan työntekijät",
        "Arbetare inom livsmedel, trä och beklädnad",
        "Food processing, wood working, garment and other craft and related trades workers",
    ),
    ("81", "Prosessityöntekijät", "Processarbetare", "Stationary plant and machine operators"),
    ("82", "Teollisuustuotteiden kokoonpanijat", "Montörer av industriprodukter", "Assemblers"),
    ("83", "Kuljetustyöntekijät", "Transportarbetare", "Drivers and mobile plant operators"),
    (
        "91",
        "Siivoojat, kotiapulaiset ja muut puhdistustyöntekijät",
        "Städare, hemhjälpare och annan rengöringspersonal",
        "Cleaners and helpers",
    ),
    (
        "92",
        "Maa-, metsä- ja kalatalouden avustavat työntekijät",
        "Medhjälpare inom jordbruk, skogsbruk och fiske",
        "Agricultural, forestry and fishery labourers",
    ),
    (
        "93",
        "Teollisuuden ja rakentamisen avustavat työntekijät",
        "Medhjälpare inom industri och byggverksamhet",
        "Labourers in mining, construction, manufacturing and transport",
    ),
    ("94", "Avustavat keittiö- ja ruokatyöntekijät", "Medhjälpare i kök och restaurang", "Food preparation assistants"),
    (
        "95",
        "Katumyyjät, kengänkiillottajat ym.",
        "Gatuförsäljare, skoputsare m.fl.",
        "Street and related sales and service workers",
    ),
    (
        "96",
        "Katujen puhtaanapidon ja jätehuollon työntekijät ym.",
        "Renhållnings- och återvinningsarbetare m.fl.",
        "Refuse workers and other elementary workers",
    ),
];

/// The name of the occupation group `code` in `lang`.
pub fn name(code: &str, lang: Lang) -> Option<&'static str> {
    OCCUPATIONS.iter().find(|(c, ..)| *c == code).map(|(_, fi, sv, en)| match lang {
        Lang::Fi => *fi,
        Lang::Sv => *sv,
        Lang::En => *en,
    })
}

/// Whether `code` is a group of the classification.
pub fn is_occupation(code: &str) -> bool {
    OCCUPATIONS.iter().any(|(c, ..)| *c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forty_three_sub_major_groups_in_order_each_named_in_every_language() {
        assert_eq!(OCCUPATIONS.len(), 43);
        assert!(OCCUPATIONS.windows(2).all(|pair| pair[0].0 < pair[1].0), "sorted by code, no twice");
        assert!(OCCUPATIONS
            .iter()
            .all(|(code, fi, sv, en)| code.len() == 2 && ![fi, sv, en].iter().any(|name| name.is_empty())));
        assert_eq!(name("25", Lang::En), Some("Information and communications technology professionals"));
        assert!(is_occupation("25") && !is_occupation("2") && !is_occupation("99"));
    }
}
