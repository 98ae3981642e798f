login-title = Kirjaudu sisään
login-email = Sähköpostiosoite
login-password = Salasana
login-submit = Kirjaudu sisään
login-failed = Sähköpostiosoite tai salasana on väärin. Tarkista ne ja yritä uudelleen.
login-email-missing = Anna sähköpostiosoitteesi
login-password-missing = Anna salasanasi
account-title = Käyttäjätilisi
account-email = Sähköpostiosoite
account-role = Tilin tyyppi
account-signed-out = Et ole kirjautunut sisään.
role-applicant = Hakija
role-employer = Työnantaja
role-staff = Maahanmuuttoviraston virkailija
logout-submit = Kirjaudu ulos
logged-out-title = Olet kirjautunut ulos
logged-out-body = Istuntosi tällä laitteella on päättynyt. Sulje selain, jos käytät yhteistä tietokonetta.
login-again = Kirjaudu uudelleen
start-login-link = Kirjaudu palveluun
error-no-access-title = Et voi tehdä tätä
error-no-access-body = Tililläsi ei ole pääsyä tälle sivulle tai tähän toimintoon. Kirjaudu toisella tilillä, jos sinulla on sellainen.
login-no-account = Eikö sinulla ole vielä tiliä? Luo tili
start-register-link = Luo käyttäjätili
register-title = Luo käyttäjätili
register-intro = Tilillä voit täyttää hakemuksia, tallentaa ne ja jatkaa myöhemmin sekä seurata niiden käsittelyä päätökseen asti.
register-email = Sähköpostiosoite
register-email-hint = Lähetämme tähän osoitteeseen koodin, jolla varmistamme, että osoite on sinun
register-email-missing = Anna sähköpostiosoitteesi
register-email-invalid = Anna sähköpostiosoite oikeassa muodossa, esimerkiksi nimi@esimerkki.fi
register-password = Salasana
register-password-hint = Vähintään 8 merkkiä. Muutama sana peräkkäin on vahva ja helposti muistettava salasana.
register-password-missing = Anna salasana
register-password-short = Salasanassa on oltava vähintään 8 merkkiä
register-password-long = Salasanassa saa olla enintään 128 merkkiä
register-password-common = Tämä salasana on yksi yleisimmistä, joten se on helppo arvata. Valitse toinen.
register-submit = Luo tili
verify-title = Tarkista sähköpostisi
verify-sent = Lähetimme koodin osoitteeseen { $email }. Anna se tässä, niin tilisi luominen valmistuu.
verify-code = Koodi
verify-code-hint = 6 numeroa. Koodi on voimassa 15 minuuttia.
verify-submit = Vahvista
verify-code-format = Anna koodin 6 numeroa
verify-code-wrong = Koodi on väärä tai ei ole enää voimassa. Tarkista viimeisin lähettämämme viesti.
verify-nothing-pending = Mikään koodi ei odota syöttämistä. Aloita luomalla käyttäjätili.
mail-verify-subject = Koodisi maahanmuuton asiointipalveluun
mail-verify-body =
    Hei,

    koodisi käyttäjätilin luomiseen maahanmuuton asiointipalvelussa on:

    { $code }

    Koodi on voimassa { $minutes } minuuttia. Jos et luonut tiliä, voit jättää tämän viestin huomiotta.

    Tämä viesti on lähetetty automaattisesti; vastauksia ei lueta.
mail-exists-subject = Joku yritti luoda tilin osoitteellasi
mail-exists-body =
    Hei,

    joku yritti luoda maahanmuuton asiointipalveluun tilin tällä sähköpostiosoitteella. Sinulla on jo tili tällä osoitteella, joten uutta tiliä ei luotu.

    Jos se olit sinä, kirjaudu salasanallasi. Jos se et ollut sinä, sinun ei tarvitse tehdä mitään.

    Tämä viesti on lähetetty automaattisesti; vastauksia ei lueta.
error-too-many-title = Liian monta yritystä
error-too-many-body = Yrityksiä on tullut liian monta lyhyessä ajassa. Odota muutama minuutti ja yritä uudelleen.
error-busy-title = Palvelu on ruuhkautunut
error-busy-body = Palvelulla on juuri nyt enemmän tehtävää kuin se ehtii hoitaa. Palaa takaisin, odota hetki ja lähetä lomake uudelleen.

# The header's account part, on every page.
header-account-label = Käyttäjätili
header-signed-in-as = Kirjautuneena:
header-log-in = Kirjaudu sisään
account-created = Käyttäjätilisi on luotu.
account-created-applicant = Käyttäjätilisi on luotu. Voit nyt aloittaa hakemuksen.

# What an employer's account page says about the employer service.
account-employer-title = Työnantajan palvelu
account-employer-link = Asioi organisaatiosi puolesta
account-employer-meanwhile = Toimi organisaatiosi puolesta nähdäksesi työntekijöidesi hakemukset ja antaaksesi niiden työsuhteen ehdot.
