save = Tallenna
login-forgot = Unohditko salasanasi?
login-code-title = Anna tunnistussovelluksen koodi
login-code-intro = Tilisi on suojattu kaksivaiheisella kirjautumisella. Avaa puhelimesi tunnistussovellus ja anna koodi, jonka se näyttää tälle palvelulle.
login-code = Koodi
login-code-hint = 6 numeroa sovelluksesta, tai yksi varakoodeistasi, jos puhelimesi ei ole käytettävissä
login-code-submit = Jatka
login-code-missing = Anna tunnistussovelluksen koodi
login-code-wrong = Koodi on väärä tai jo käytetty. Anna sovelluksen uusin koodi.
login-code-expired = Koodin antamiseen varattu aika päättyi. Kirjaudu uudelleen.
register-role = Kenelle luot tilin?
register-role-applicant = Itselleni, hakeakseni lupaa tai kansalaisuutta
register-role-applicant-hint = Myös jos haet lapsesi puolesta tai perheenjäsenenä
register-role-employer = Työnantajalle, työnantajan palvelua varten
register-role-employer-hint = Asioit organisaation puolesta, jolla on suomalainen Y-tunnus, ja annat sen työntekijöiden hakemusten työsuhteen ehdot.
register-role-missing = Valitse, kenelle luot tilin
reset-title = Vaihda unohtunut salasana
reset-intro = Anna tilisi sähköpostiosoite. Lähetämme siihen koodin, jolla voit valita uuden salasanan.
reset-submit = Lähetä koodi
reset-code-title = Valitse uusi salasana
reset-sent = Jos osoitteella { $email } on tili, lähetimme siihen koodin. Anna koodi ja uusi salasanasi. Tarkista roskapostikansio, jos viestiä ei kuulu muutamassa minuutissa.
reset-nothing-pending = Mikään koodi ei odota syöttämistä. Aloita pyytämällä koodi.
reset-confirm = Vaihda salasana
password-reset-done = Salasanasi on vaihdettu, ja sinut on kirjattu ulos kaikkialta. Kirjaudu uudella salasanalla.
account-password = Salasana
account-two-factor = Kaksivaiheinen kirjautuminen
account-language = Viestien kieli
account-data-title = Tietosi
account-data-body = Voit ladata kaiken, mitä palvelu säilyttää tilistäsi, tiedostona (JSON).
account-data-link = Lataa tietosi
two-factor-on = Käytössä
two-factor-off = Ei käytössä
password-change-title = Vaihda salasana
password-current = Nykyinen salasana
password-current-missing = Anna nykyinen salasanasi
password-current-wrong = Nykyinen salasana on väärin
password-new = Uusi salasana
password-other-devices = Muut laitteet
password-sign-out-others = Kirjaa minut ulos kaikilla muilla laitteilla
password-sign-out-others-hint = Valitse tämä, jos epäilet jonkun muun tietävän salasanasi
password-change-submit = Vaihda salasana
password-changed = Salasanasi on vaihdettu.
password-changed-others-out = Salasanasi on vaihdettu, ja sinut on kirjattu ulos kaikilla muilla laitteilla.
email-change-title = Vaihda sähköpostiosoite
email-change-intro = Lähetämme koodin uuteen osoitteeseen. Osoite vaihtuu, kun olet antanut koodin.
email-change-new = Uusi sähköpostiosoite
email-change-submit = Lähetä koodi
email-change-same = Tämä on jo tilisi osoite
email-change-sent = Lähetimme koodin osoitteeseen { $email }. Anna se tähän vaihtaaksesi tilisi osoitteen.
email-change-nothing-pending = Mikään koodi ei odota syöttämistä. Aloita antamalla uusi osoite.
email-change-taken = Osoite on jo toisen tilin käytössä. Valitse toinen osoite.
email-changed = Sähköpostiosoitteesi on vaihdettu.
language-title = Viestien kieli
language-legend = Millä kielellä kirjoitamme sinulle?
language-hint = Palvelun sähköpostit lähetetään tällä kielellä. Myös sivut vaihtuvat tälle kielelle.
language-missing = Valitse kieli
language-changed = Kieli on vaihdettu.
delete-title = Poista käyttäjätili
delete-drafts = Tilin poistaminen poistaa tilin ja kaikki hakemukset, joita et ole vielä lähettänyt.
delete-sent-kept = Jo lähettämiäsi hakemuksia ei poisteta: Maahanmuuttoviraston on säilytettävä ne lain mukaan, ja niiden käsittely jatkuu. Saat niistä tietoa postitse tai palvelupisteestä.
delete-data-first = Lataa tietosi ensin, jos haluat säilyttää niistä kopion.
delete-confirm-legend = Vahvistus
delete-confirm = Ymmärrän, että tili ja lähettämättömät hakemukseni poistetaan pysyvästi
delete-confirm-missing = Vahvista valintaruudulla, että haluat poistaa tilisi
delete-submit = Poista tili
deleted-title = Käyttäjätilisi on poistettu
deleted-body = Tilisi ja lähettämättömät hakemuksesi on poistettu. Lähettämiesi hakemusten käsittely jatkuu.
two-factor-title = Kaksivaiheinen kirjautuminen
two-factor-intro = Kaksivaiheisessa kirjautumisessa tarvitset salasanan lisäksi puhelimesi sovelluksen antaman koodin, joten pelkkä varastettu salasana ei riitä.
two-factor-staff-required = Virkailijoiden tileillä kaksivaiheinen kirjautuminen on pakollinen. Ota se käyttöön jatkaaksesi.
two-factor-step-app = Asenna puhelimeesi tunnistussovellus, esimerkiksi Google Authenticator, Microsoft Authenticator tai FreeOTP.
two-factor-step-scan = Lisää sovellukseen tili ja lue tämä QR-koodi.
two-factor-qr-label = QR-koodi tunnistussovellukselle
two-factor-step-key = Jos et voi lukea koodia, kirjoita sovellukseen tämä avain:
two-factor-step-code = Anna 6-numeroinen koodi, jonka sovellus nyt näyttää.
two-factor-code = Sovelluksen koodi
two-factor-code-hint = 6 numeroa. Sovellus näyttää uuden koodin 30 sekunnin välein.
two-factor-code-missing = Anna sovelluksen koodi
two-factor-code-wrong = Koodi on väärä. Tarkista, että luit tämän sivun koodin, ja anna sovelluksen uusin koodi.
two-factor-submit = Ota kaksivaiheinen kirjautuminen käyttöön
two-factor-enabled-body = Kaksivaiheinen kirjautuminen on käytössä. Kirjautuessasi tarvitset myös tunnistussovelluksen koodin.
two-factor-codes-left = Sinulla on { $count } käyttämätöntä varakoodia.
two-factor-new-codes = Luo uudet varakoodit
two-factor-disable-title = Poista kaksivaiheinen kirjautuminen käytöstä
two-factor-disable-submit = Poista käytöstä
two-factor-disabled = Kaksivaiheinen kirjautuminen on poistettu käytöstä.
recovery-codes-title = Varakoodisi
recovery-codes-intro = Jos kadotat puhelimesi, voit kirjautua jollakin näistä koodeista sovelluksen koodin sijaan. Kukin koodi toimii kerran.
recovery-codes-once = Kirjoita koodit muistiin tai tulosta tämä sivu nyt ja säilytä ne turvassa: niitä ei näytetä uudelleen. Uusien koodien luominen mitätöi nämä.
recovery-codes-done = Olen tallentanut koodit
recovery-codes-gone = Varakoodit näytetään vain kerran. Voit luoda uudet kaksivaiheisen kirjautumisen sivulla.
staff-title = Virkailijan työkalut
staff-audit-title = Tilitapahtumat
staff-audit-intro = Viimeisimmät 100 kirjautumista, rekisteröitymistä ja tilimuutosta, uusin ensin. Monta epäonnistunutta kirjautumista samasta osoitteesta voi tarkoittaa salasanojen arvailua.
staff-audit-when = Aika (UTC)
staff-audit-event = Tapahtuma
staff-audit-account = Tilin numero
staff-audit-client = Asiakkaan osoite
audit-detail-callback = maksunvälittäjä ilmoitti palvelulle
audit-detail-return = maksaja palasi maksunvälittäjältä
audit-detail-status = palvelu kysyi maksunvälittäjältä
audit-client-command-line = ylläpitäjä, palvelimella
staff-audit-repeats = (ja { $count } samanlaista lisää samasta osoitteesta)
mail-reset-subject = Koodisi salasanan vaihtamiseen
mail-reset-body =
    Hei,

    koodisi uuden salasanan valitsemiseen maahanmuuton asiointipalvelussa on:

    { $code }

    Koodi on voimassa { $minutes } minuuttia. Jos et pyytänyt koodia, voit jättää tämän viestin huomiotta: salasanaasi ei ole vaihdettu.

    Tämä viesti on lähetetty automaattisesti, eikä vastauksia lueta.
mail-password-changed-subject = Salasanasi vaihdettiin
mail-password-changed-body =
    Hei,

    tilisi salasana maahanmuuton asiointipalvelussa vaihdettiin juuri.

    Jos se olit sinä, sinun ei tarvitse tehdä mitään. Jos et ollut, vaihda salasanasi palvelussa heti ja ota yhteyttä Maahanmuuttovirastoon.

    Tämä viesti on lähetetty automaattisesti, eikä vastauksia lueta.
mail-change-email-subject = Koodisi sähköpostiosoitteen vaihtamiseen
mail-change-email-body =
    Hei,

    koodisi, jolla tästä tulee tilisi sähköpostiosoite maahanmuuton asiointipalvelussa, on:

    { $code }

    Koodi on voimassa { $minutes } minuuttia. Jos et pyytänyt koodia, voit jättää tämän viestin huomiotta.

    Tämä viesti on lähetetty automaattisesti, eikä vastauksia lueta.
mail-email-changed-subject = Tilisi sähköpostiosoite vaihdettiin
mail-email-changed-body =
    Hei,

    tilisi sähköpostiosoite maahanmuuton asiointipalvelussa vaihdettiin juuri toiseen osoitteeseen. Palvelun viestit menevät nyt sinne.

    Jos et tehnyt muutosta itse, ota heti yhteyttä Maahanmuuttovirastoon.

    Tämä viesti on lähetetty automaattisesti, eikä vastauksia lueta.
timeout-title = Sinut kirjataan pian ulos
timeout-body = Turvallisuutesi vuoksi kirjaamme sinut ulos { $minutes } minuutin kuluttua, jos et tee mitään. Tallentamattomat tiedot menetetään.
timeout-stay = Pysy kirjautuneena
timeout-ended-title = Sinut on kirjattu ulos
timeout-ended-body = Turvallisuutesi vuoksi kirjasimme sinut ulos, koska et ollut tehnyt mitään 30 minuuttiin. Tallentamasi tiedot säilyvät.
timeout-limit = Turvallisuutesi vuoksi sinut kirjataan ulos, jos et tee mitään { $minutes } minuuttiin. Tallenna vastauksesi sitä ennen: tallentamattomat tiedot katoavat.

# The staff page's audit log: each event by its code, in words.
audit-created-by-administrator = Tili luotu ylläpidossa
audit-login-succeeded = Kirjautuminen onnistui
audit-login-failed = Kirjautuminen epäonnistui
audit-logged-out = Kirjautui ulos
audit-registered = Rekisteröityi
audit-email-verified = Sähköpostiosoite vahvistettu
audit-password-reset-requested = Salasanan vaihtokoodia pyydetty
audit-password-reset = Salasana vaihdettu koodilla
audit-password-changed = Salasana vaihdettu
audit-email-changed = Sähköpostiosoite vaihdettu
audit-two-factor-enabled = Kaksivaiheinen kirjautuminen otettu käyttöön
audit-two-factor-disabled = Kaksivaiheinen kirjautuminen poistettu käytöstä
audit-recovery-codes-renewed = Varakoodit uusittu
audit-account-deleted = Tili poistettu
audit-access-refused = Pääsy estetty
audit-payment-paid = Maksu maksettu
audit-payment-refund-due = Toinen maksu, palautetaan
audit-payment-refused = Maksuviesti hylätty
audit-job-requeued = Työ palautettu jonoon
audit-case-event-refused = Asiankäsittelyjärjestelmän tapahtuma hylätty
audit-acting-for-organisation = Alkoi asioida organisaation puolesta
audit-mandate-refused = Organisaation puolesta asiointia ei sallittu
audit-scam-report-handled = Ilmoitus epäilyttävästä viestistä tai puhelusta merkitty käsitellyksi
staff-refunds-title = Palautettavat maksut
staff-refunds-intro = Nämä hakemukset maksettiin toiseen kertaan (toinen maksuyritys onnistui, kun yksi oli jo maksettu). Palauta ne maksunvälittäjän kautta.
staff-refunds-reference = Viite
staff-refunds-amount = Summa
staff-refunds-paid = Maksupäivä
staff-refunds-transaction = Maksunvälittäjän tapahtuma
operations-title = Välitys ja sähköposti
operations-no-backend = Asiankäsittelyjärjestelmää ei ole määritetty: lähetetyt hakemukset odottavat jonossa, kunnes se on.
operations-awaiting = Lähetetyt hakemukset, joiden vastaanottoa asiankäsittelyjärjestelmä ei ole vielä vahvistanut: { $count }
operations-queue-title = Työjono
operations-kind = Laji
operations-kind-mail = Sähköposti
operations-kind-delivery = Välitys asiankäsittelyjärjestelmään
operations-kind-terms-delivery = Työnantajan osuuden välitys asiankäsittelyjärjestelmään
operations-kind-reply = Vastaus asiankäsittelyjärjestelmään
operations-waiting = Odottaa
operations-oldest = Vanhin odottava
operations-minutes = { $minutes } min
operations-done = Tehty viimeisen tunnin aikana
operations-dead-count = Hylätty jonosta
operations-events-title = Asiankäsittelyjärjestelmän tapahtumat
operations-events-taken = Vastaanotettu viimeisten 24 tunnin aikana
operations-events-refused = Hylätty viimeisen tunnin aikana
operations-none = ei yhtään
operations-what = Mitä
operations-count = Määrä
operations-event-received = Vastaanotettu
operations-event-identity-visit-needed = Henkilöllisyyden todistaminen tarvitaan
operations-event-in-processing = Käsittelyssä
operations-event-additional-information-requested = Lisätietoja pyydetty
operations-event-request-deadline-extended = Pyynnön määräpäivä siirretty
operations-refused-bad-signature = Virheellinen tai puuttuva allekirjoitus tai vanhentunut aikaleima
operations-refused-bad-key = Idempotency-Key puuttuu tai ei ole tapahtuman tunniste
operations-refused-not-an-event = Ei tämän sopimuksen mukainen tapahtuma
operations-refused-unknown-case = Asialle, jota portaali ei tunne
operations-failures-title = Epäonnistuneet työt
operations-failures-intro = Työt, jotka epäonnistuivat eivätkä ole valmiita: uudelleen yritettävät yritetään itsestään; jonosta hylätyt odottavat sinua. Palauta työ jonoon, kun sen syy on korjattu.
operations-job = Työ
operations-state = Tila
operations-attempts = Yrityksiä
operations-failing-long = { $count } toimitusta on epäonnistunut yli { $minutes } minuutin ajan. Asiankäsittelyjärjestelmä voi olla poissa käytöstä: niitä yritetään uudelleen, kunnes se palaa. Hakemukset:
operations-reference = Hakemus
operations-error = Viimeisin virhe
job-error-no-backend = Asiankäsittelyjärjestelmää ei ole määritetty: toimitukset odottavat, kunnes se on.
job-error-document-unreadable = Jonossa olevaa asiakirjaa ei voitu lukea.
job-error-payment-record-incomplete = Maksutiedoista puuttuu { $detail }, joten hakemusta ei lähetetä keksityllä arvolla: toimitus odottaa. Ilmoita asiasta palvelun ylläpidolle ja kerro viitenumero.
job-error-backend-timeout = Asiankäsittelyjärjestelmä ei vastannut ajoissa.
job-error-backend-unreachable = Asiankäsittelyjärjestelmään ei saatu yhteyttä.
job-error-backend-connection = Yhteys asiankäsittelyjärjestelmään katkesi.
job-error-answer-cut-off = Asiankäsittelyjärjestelmän vastaus katkesi.
job-error-not-a-receipt = Asiankäsittelyjärjestelmä vastasi { $detail }, mutta ei vastaanottokuittauksella.
job-error-application-not-received = Hakemuksella, johon se kuuluu, ei vielä ole vastaanottokuittausta asiankäsittelyjärjestelmästä.
job-error-receipt-not-recorded = Vastaanottokuittausta ei voitu tallentaa (katso palvelun loki).
job-error-backend-status = Asiankäsittelyjärjestelmä vastasi { $detail }.
job-error-backend-redirect = Asiankäsittelyjärjestelmä vastasi { $detail }, uudelleenohjauksella, jota ei seurata.
job-error-message-unopened = Jonossa olevaa viestiä ei voitu avata.
job-error-message-unwritten = Viestiä ei voitu kirjoittaa.
job-error-mail-refused = Sähköpostipalvelin hylkäsi viestin pysyvästi ({ $detail }).
job-error-mail-unavailable = Sähköpostipalvelin ei voinut ottaa viestiä vastaan nyt ({ $detail }).
job-error-abandoned = Viimeinen yritys ei palannut: palvelimen instanssi pysähtyi.
operations-when = Seuraava yritys tai hylätty (UTC)
operations-dead = Hylätty jonosta
operations-retrying = Yritetään uudelleen
operations-requeue = Palauta työ { $job } jonoon
operations-requeued = Työ on palautettu jonoon.
operations-not-dead = Työ ei ole (enää) hylätty: mitään ei muutettu.
mail-application-sent-subject = Hakemuksesi on lähetetty
mail-application-sent-body =
    Hei,

    hakemuksesi lähetettiin Maahanmuuttovirastoon { $date }, ja sen käsittelymaksu on maksettu. Hakemuksen viite ja jatkovaiheet näkyvät maahanmuuton asiointipalvelussa: kirjaudu sisään nähdäksesi ne.

    Seuraavaksi todista henkilöllisyytesi valitsemassasi palvelupisteessä 3 kuukauden kuluessa. Kirjaudu palveluun nähdäksesi, mitä ottaa mukaan: luettelo on hakemuksesi sivulla tulostettavana.

    Saat viestin, kun hakemuksestasi on uutta.

    Tämä viesti on lähetetty automaattisesti, eikä vastauksia lueta.
mail-news-subject = Sinulle on uutta tietoa maahanmuuton verkkoasioinnissa
mail-news-body =
    Hei,

    sinulle on uutta tietoa hakemuksestasi maahanmuuton verkkoasioinnissa. Kirjaudu palveluun lukeaksesi sen: kirjoita palvelun osoite { $address } itse selaimeesi.

    Emme koskaan kysy pankkitunnuksiasi tai salasanojasi sähköpostilla, eikä tässä viestissä ole linkkiä.

    Tämä viesti on lähetetty automaattisesti; vastauksia ei lueta.
mail-employer-news-subject = Organisaatiollesi on uutta tietoa maahanmuuton verkkoasioinnissa
mail-employer-news-body =
    Hei,

    organisaatiollesi on uutta tietoa työntekijän hakemuksesta maahanmuuton verkkoasioinnissa. Kirjaudu palveluun ja asioi organisaatiosi puolesta lukeaksesi sen: kirjoita palvelun osoite { $address } itse selaimeesi.

    Emme koskaan kysy pankkitunnuksiasi tai salasanojasi sähköpostilla, eikä tässä viestissä ole linkkiä.

    Tämä viesti on lähetetty automaattisesti; vastauksia ei lueta.
mail-employer-request-reminder-subject = Maahanmuuton verkkoasioinnissa oleva pyyntö odottaa organisaatiosi vastausta
mail-employer-request-reminder-body =
    Hei,

    organisaatiollesi esitettyyn, työntekijän hakemusta koskevaan lisätietopyyntöön maahanmuuton verkkoasioinnissa ei ole vielä vastattu. Viimeinen vastauspäivä on { $date }. Kirjaudu palveluun ja asioi organisaatiosi puolesta vastataksesi: kirjoita palvelun osoite { $address } itse selaimeesi.

    Emme koskaan kysy pankkitunnuksiasi tai salasanojasi sähköpostilla, eikä tässä viestissä ole linkkiä.

    Tämä viesti on lähetetty automaattisesti; vastauksia ei lueta.
mail-employer-task-subject = Organisaatiollasi on tehtävä maahanmuuton verkkoasioinnissa
mail-employer-task-body =
    Hei,

    työntekijän hakemus maahanmuuton verkkoasioinnissa odottaa organisaatiosi antamia työsuhteen ehtoja. Kirjaudu palveluun ja asioi organisaatiosi puolesta nähdäksesi sen: kirjoita palvelun osoite { $address } selaimeesi itse.

    Emme koskaan kysy pankkitunnuksiasi tai salasanojasi sähköpostitse, eikä tässä viestissä ole linkkiä.

    Tämä viesti lähetettiin automaattisesti; vastauksia ei lueta.
mail-request-reminder-subject = Maahanmuuton verkkoasioinnissa oleva pyyntö odottaa vastaustasi
mail-request-reminder-body =
    Hei,

    hakemustasi koskevaan lisätietopyyntöön maahanmuuton verkkoasioinnissa ei ole vielä vastattu. Viimeinen vastauspäivä on { $date }. Kirjaudu palveluun vastataksesi: kirjoita palvelun osoite { $address } itse selaimeesi.

    Emme koskaan kysy pankkitunnuksiasi tai salasanojasi sähköpostilla, eikä tässä viestissä ole linkkiä.

    Tämä viesti on lähetetty automaattisesti; vastauksia ei lueta.
operations-kind-decision-fetch = Päätöksen haku asianhallinnasta
operations-kind-decision-report = Päätöksen tiedoksiannon ilmoitus asianhallintaan
operations-event-decision-made = Päätös tehty
operations-decisions-unopened = Päätökset, joita ei avattu 7 päivässä (lähetetty postitse): { $count }
job-error-too-large = Asianhallinnan asiakirja on suurempi kuin portaali ottaa vastaan.
job-error-decision-mismatch = Päätösasiakirja ei vastaa tapahtuman ilmoittamaa SHA-256-tiivistettä ja kokoa.
job-error-decision-not-a-pdf = Päätösasiakirja ei ole PDF, jonka portaali voi näyttää ({ $detail }).
job-error-decision-busy = Asiakirjan tarkistus odottaa muiden tarkistusten valmistumista.
job-error-decision-not-kept = Päätöstä ei voitu tallentaa tänne (katso palvelun loki).
employer-title = Työnantaja
employer-intro = Työnantajana täytät työntekijöidesi työperusteisten hakemusten työsuhteen ehdot organisaatiosi puolesta. Valitset organisaation Suomi.fi-valtuuksissa: voit asioida sen puolesta, jos sinulla on siinä rooli kaupparekisterissä tai valtuus.
employer-acting-for = Asioit organisaation { $name } ({ $id }) puolesta
employer-switch = Asioi toisen organisaation puolesta
employer-as-self = Asioi omana itsenäsi
employer-acting-self-now = Asioit omana itsenäsi, et minkään organisaation puolesta.
employer-choose-intro = Valitse organisaatio Suomi.fi-valtuuksissa asioidaksesi sen puolesta. Palaat sen jälkeen tänne.
employer-choose = Valitse organisaatio, jonka puolesta asioit
employer-no-identity = Tilisi henkilöllisyyttä ei ole varmennettu, joten organisaatioita, joiden puolesta voit asioida, ei voi tarkistaa. Ota yhteyttä Maahanmuuttoviraston asiakaspalveluun.
employer-acting-now = Asioit nyt valitsemasi organisaation puolesta.
employer-acting-self = Asioit nyt omana itsenäsi.
mandate-disallowed = Et voi asioida tämän organisaation puolesta tässä asiassa: Suomi.fi-valtuudet ei sallinut sitä. Organisaatio voi antaa sinulle valtuuden.
mandate-refused = Suomi.fi-valtuuksien vastaus ei koskenut tätä valintaa tai tuli liian myöhään. Valitse organisaatio uudelleen.
mandate-unavailable = Suomi.fi-valtuuksiin ei juuri nyt saatu yhteyttä. Yritä hetken kuluttua uudelleen.
mail-message-code =
    Viestitunnus: { $code }

    Onko tämä viesti todella meiltä? Kirjoita palvelun osoite { $address } itse selaimeesi, valitse sivun alareunasta "Onko viesti meiltä?" ja syötä tunnus.
