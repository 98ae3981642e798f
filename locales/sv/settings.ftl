save = Spara
login-forgot = Har du glömt ditt lösenord?
login-code-title = Ange koden från din autentiseringsapp
login-code-intro = Ditt konto skyddas med tvåstegsinloggning. Öppna autentiseringsappen i din telefon och ange koden som den visar för den här tjänsten.
login-code = Kod
login-code-hint = 6 siffror från appen, eller en av dina reservkoder om du inte har din telefon
login-code-submit = Fortsätt
login-code-missing = Ange koden från din autentiseringsapp
login-code-wrong = Koden är fel eller redan använd. Ange den senaste koden från appen.
login-code-expired = Tiden för att ange koden tog slut. Logga in på nytt.
register-role = För vem skapar du kontot?
register-role-applicant = För mig själv, för att ansöka om tillstånd eller medborgarskap
register-role-applicant-hint = Också om du ansöker för ditt barn eller som familjemedlem
register-role-employer = För en arbetsgivare, för arbetsgivartjänsten
register-role-employer-hint = Du företräder en organisation som har ett finskt FO-nummer och ger anställningsvillkoren för dess anställdas ansökningar.
register-role-missing = Välj för vem du skapar kontot
reset-title = Byt ett glömt lösenord
reset-intro = Ange e-postadressen för ditt konto. Vi skickar en kod till den, och med koden kan du välja ett nytt lösenord.
reset-submit = Skicka kod
reset-code-title = Välj ett nytt lösenord
reset-sent = Om { $email } har ett konto har vi skickat en kod till adressen. Ange koden och ditt nya lösenord. Kontrollera skräpposten om meddelandet inte kommer inom några minuter.
reset-nothing-pending = Ingen kod väntar på att anges. Börja med att be om en kod.
reset-confirm = Byt lösenord
password-reset-done = Ditt lösenord har bytts och du har loggats ut överallt. Logga in med ditt nya lösenord.
account-password = Lösenord
account-two-factor = Tvåstegsinloggning
account-language = Språk för meddelanden
account-data-title = Dina uppgifter
account-data-body = Du kan ladda ner allt som tjänsten har om ditt konto som en fil (JSON).
account-data-link = Ladda ner dina uppgifter
two-factor-on = På
two-factor-off = Av
password-change-title = Byt lösenord
password-current = Nuvarande lösenord
password-current-missing = Ange ditt nuvarande lösenord
password-current-wrong = Det nuvarande lösenordet är fel
password-new = Nytt lösenord
password-other-devices = Andra enheter
password-sign-out-others = Logga ut mig på alla andra enheter
password-sign-out-others-hint = Välj detta om du tror att någon annan känner till ditt lösenord
password-change-submit = Byt lösenord
password-changed = Ditt lösenord har bytts.
password-changed-others-out = Ditt lösenord har bytts och du har loggats ut på alla andra enheter.
email-change-title = Byt e-postadress
email-change-intro = Vi skickar en kod till den nya adressen. Adressen byts när du har angett koden.
email-change-new = Ny e-postadress
email-change-submit = Skicka kod
email-change-same = Det här är redan adressen för ditt konto
email-change-sent = Vi har skickat en kod till { $email }. Ange den här för att byta adressen för ditt konto.
email-change-nothing-pending = Ingen kod väntar på att anges. Börja med att ange den nya adressen.
email-change-taken = Ett annat konto använder redan adressen. Välj en annan adress.
email-changed = Din e-postadress har bytts.
language-title = Språk för meddelanden
language-legend = På vilket språk ska vi skriva till dig?
language-hint = Tjänstens e-post skickas på det här språket. Också sidorna byter till det.
language-missing = Välj ett språk
language-changed = Språket har bytts.
delete-title = Radera ditt konto
delete-drafts = Om du raderar kontot raderas kontot och alla ansökningar som du ännu inte har skickat.
delete-sent-kept = Ansökningar som du redan har skickat raderas inte: Migrationsverket måste bevara dem enligt lag, och de behandlas som tidigare. Du får information om dem per post eller från serviceställen.
delete-data-first = Ladda först ner dina uppgifter om du vill behålla en kopia.
delete-confirm-legend = Bekräftelse
delete-confirm = Jag förstår att kontot och mina oskickade ansökningar raderas permanent
delete-confirm-missing = Kryssa i rutan för att bekräfta att du vill radera ditt konto
delete-submit = Radera kontot
deleted-title = Ditt konto har raderats
deleted-body = Ditt konto och dina oskickade ansökningar har raderats. Ansökningar som du har skickat behandlas fortfarande.
two-factor-title = Tvåstegsinloggning
two-factor-intro = Med tvåstegsinloggning behöver du utöver lösenordet en kod från en app i din telefon, så ett stulet lösenord räcker inte ensamt.
two-factor-staff-required = Konton för personal måste använda tvåstegsinloggning. Ta den i bruk för att fortsätta.
two-factor-step-app = Installera en autentiseringsapp i din telefon, till exempel Google Authenticator, Microsoft Authenticator eller FreeOTP.
two-factor-step-scan = Lägg till ett konto i appen och läs av den här QR-koden.
two-factor-qr-label = QR-kod för autentiseringsappen
two-factor-step-key = Om du inte kan läsa av koden, skriv i stället in den här nyckeln i appen:
two-factor-step-code = Ange den sexsiffriga kod som appen nu visar.
two-factor-code = Kod från appen
two-factor-code-hint = 6 siffror. Appen visar en ny kod var 30:e sekund.
two-factor-code-missing = Ange koden från appen
two-factor-code-wrong = Koden är fel. Kontrollera att du läste av koden på den här sidan och ange den senaste koden från appen.
two-factor-submit = Slå på tvåstegsinloggning
two-factor-enabled-body = Tvåstegsinloggning är på. När du loggar in behöver du också en kod från din autentiseringsapp.
two-factor-codes-left = Du har { $count } oanvända reservkoder.
two-factor-new-codes = Skapa nya reservkoder
two-factor-disable-title = Stäng av tvåstegsinloggning
two-factor-disable-submit = Stäng av
two-factor-disabled = Tvåstegsinloggning har stängts av.
recovery-codes-title = Dina reservkoder
recovery-codes-intro = Om du tappar bort din telefon kan du logga in med en av de här koderna i stället för en kod från appen. Varje kod fungerar en gång.
recovery-codes-once = Skriv upp dem eller skriv ut sidan nu och förvara dem säkert: de visas inte igen. Nya koder gör de här ogiltiga.
recovery-codes-done = Jag har sparat mina koder
recovery-codes-gone = Reservkoder visas bara en gång. Du kan skapa nya på sidan för tvåstegsinloggning.
staff-title = Personalens verktyg
staff-audit-title = Kontohändelser
staff-audit-intro = De senaste 100 inloggningarna, registreringarna och kontoändringarna, nyaste först. Många misslyckade inloggningar från samma adress kan betyda att någon gissar lösenord.
staff-audit-when = Tid (UTC)
staff-audit-event = Händelse
staff-audit-account = Kontonummer
staff-audit-client = Klientens adress
audit-detail-callback = betaltjänsten meddelade tjänsten
audit-detail-return = betalaren kom tillbaka från betaltjänsten
audit-detail-status = tjänsten frågade betaltjänsten
audit-client-command-line = administratör, på servern
staff-audit-repeats = (och { $count } till av samma slag från samma adress)
mail-reset-subject = Din kod för att byta lösenord
mail-reset-body =
    Hej,

    din kod för att välja ett nytt lösenord i Migrationens e-tjänst är:

    { $code }

    Koden gäller i { $minutes } minuter. Om du inte bad om den kan du strunta i det här meddelandet: ditt lösenord har inte bytts.

    Meddelandet har skickats automatiskt; svar läses inte.
mail-password-changed-subject = Ditt lösenord byttes
mail-password-changed-body =
    Hej,

    lösenordet för ditt konto i Migrationens e-tjänst byttes nyss.

    Om det var du behöver du inte göra något. Om det inte var du, byt genast lösenord i tjänsten och kontakta Migrationsverket.

    Meddelandet har skickats automatiskt; svar läses inte.
mail-change-email-subject = Din kod för att byta e-postadress
mail-change-email-body =
    Hej,

    din kod för att göra det här till e-postadressen för ditt konto i Migrationens e-tjänst är:

    { $code }

    Koden gäller i { $minutes } minuter. Om du inte bad om den kan du strunta i det här meddelandet.

    Meddelandet har skickats automatiskt; svar läses inte.
mail-email-changed-subject = E-postadressen för ditt konto byttes
mail-email-changed-body =
    Hej,

    e-postadressen för ditt konto i Migrationens e-tjänst byttes nyss till en annan adress. Tjänstens meddelanden går nu dit.

    Om det inte var du, kontakta genast Migrationsverket.

    Meddelandet har skickats automatiskt; svar läses inte.
timeout-title = Du loggas snart ut
timeout-body = För din säkerhet loggar vi ut dig om { $minutes } minuter om du inte gör något. Det som du inte har sparat går förlorat.
timeout-stay = Förbli inloggad
timeout-ended-title = Du har loggats ut
timeout-ended-body = För din säkerhet loggade vi ut dig eftersom du inte hade gjort något på 30 minuter. Det som du har sparat finns kvar.
timeout-limit = För din säkerhet loggas du ut om du inte gör något på { $minutes } minuter. Spara dina svar innan dess: det som inte har sparats går förlorat.

# The staff page's audit log: each event by its code, in words.
audit-created-by-administrator = Kontot skapat av administratören
audit-login-succeeded = Inloggningen lyckades
audit-login-failed = Inloggningen misslyckades
audit-logged-out = Loggade ut
audit-registered = Registrerade sig
audit-email-verified = E-postadressen bekräftad
audit-password-reset-requested = Kod för nytt lösenord begärd
audit-password-reset = Lösenordet bytt med kod
audit-password-changed = Lösenordet bytt
audit-email-changed = E-postadressen bytt
audit-two-factor-enabled = Tvåstegsinloggning påslagen
audit-two-factor-disabled = Tvåstegsinloggning avstängd
audit-recovery-codes-renewed = Reservkoderna förnyade
audit-account-deleted = Kontot raderat
audit-access-refused = Åtkomst nekad
audit-payment-paid = Avgiften betald
audit-payment-refund-due = Andra betalning, återbetalas
audit-payment-refused = Betalningsmeddelande avvisat
audit-job-requeued = Jobbet lagt tillbaka i kön
audit-case-event-refused = Händelse från ärendehanteringssystemet avvisad
audit-acting-for-organisation = Började företräda en organisation
audit-mandate-refused = Fick inte företräda en organisation
audit-scam-report-handled = Anmälan om ett misstänkt meddelande eller samtal markerad som behandlad
staff-refunds-title = Betalningar att återbetala
staff-refunds-intro = De här ansökningarna betalades en andra gång (ett annat försök lyckades efter att ett redan betalats). Återbetala dem via betalningsförmedlaren.
staff-refunds-reference = Referens
staff-refunds-amount = Belopp
staff-refunds-paid = Betalningsdag
staff-refunds-transaction = Förmedlarens transaktion
operations-title = Förmedling och e-post
operations-no-backend = Inget ärendehanteringssystem är konfigurerat: skickade ansökningar väntar i kön tills ett är det.
operations-awaiting = Skickade ansökningar som ärendehanteringssystemet ännu inte har bekräftat: { $count }
operations-queue-title = Jobbkön
operations-kind = Typ
operations-kind-mail = E-post
operations-kind-delivery = Förmedling till ärendehanteringssystemet
operations-kind-terms-delivery = Arbetsgivarens del till ärendehanteringssystemet
operations-kind-reply = Svar till ärendehanteringssystemet
operations-waiting = Väntar
operations-oldest = Äldsta väntande
operations-minutes = { $minutes } min
operations-done = Klara under den senaste timmen
operations-dead-count = Avvisade ur kön
operations-events-title = Händelser från ärendehanteringssystemet
operations-events-taken = Mottagna de senaste 24 timmarna
operations-events-refused = Avvisade den senaste timmen
operations-none = inga
operations-what = Vad
operations-count = Antal
operations-event-received = Mottagen
operations-event-identity-visit-needed = Identiteten ska styrkas
operations-event-in-processing = Under behandling
operations-event-additional-information-requested = Mer information begärd
operations-event-request-deadline-extended = Begärans sista dag flyttad
operations-refused-bad-signature = Felaktig eller saknad signatur, eller en gammal tidsstämpel
operations-refused-bad-key = Idempotency-Key saknas eller är inte händelsens id
operations-refused-not-an-event = Inte en händelse enligt detta avtal
operations-refused-unknown-case = För ett ärende som portalen inte känner till
operations-failures-title = Misslyckade jobb
operations-failures-intro = Jobb som misslyckades och inte är klara: de som försöks igen gör det av sig själva; de avvisade väntar på dig. Lägg tillbaka ett jobb i kön när orsaken är åtgärdad.
operations-job = Jobb
operations-state = Status
operations-attempts = Försök
operations-failing-long = { $count } leveranser har misslyckats i över { $minutes } minuter. Ärendehanteringssystemet kan vara nere: de försöks på nytt tills det är tillbaka. Ansökningarna:
operations-reference = Ansökan
operations-error = Senaste fel
job-error-no-backend = Inget ärendehanteringssystem har konfigurerats: leveranserna väntar tills det finns ett.
job-error-document-unreadable = Dokumentet i kön kunde inte läsas.
job-error-payment-record-incomplete = Betalningsuppgifterna saknar { $detail }, så ansökan skickas inte med ett påhittat värde: leveransen väntar. Anmäl det till tjänstens förvaltning och uppge referensnumret.
job-error-backend-timeout = Ärendehanteringssystemet svarade inte i tid.
job-error-backend-unreachable = Ärendehanteringssystemet kunde inte nås.
job-error-backend-connection = Förbindelsen till ärendehanteringssystemet bröts.
job-error-answer-cut-off = Ärendehanteringssystemets svar avbröts.
job-error-not-a-receipt = Ärendehanteringssystemet svarade { $detail }, men inte med ett mottagningskvitto.
job-error-application-not-received = Ansökan som den hör till har ännu inget mottagningskvitto från ärendehanteringssystemet.
job-error-receipt-not-recorded = Mottagningskvittot kunde inte sparas (se tjänstens logg).
job-error-backend-status = Ärendehanteringssystemet svarade { $detail }.
job-error-backend-redirect = Ärendehanteringssystemet svarade { $detail }, en omdirigering, som inte följs.
job-error-message-unopened = Meddelandet i kön kunde inte öppnas.
job-error-message-unwritten = Meddelandet kunde inte skrivas.
job-error-mail-refused = E-postservern avvisade meddelandet permanent ({ $detail }).
job-error-mail-unavailable = E-postservern kunde inte ta emot meddelandet nu ({ $detail }).
job-error-abandoned = Det sista försöket kom inte tillbaka: instansen stannade.
operations-when = Nästa försök eller avvisat (UTC)
operations-dead = Avvisat ur kön
operations-retrying = Försöks igen
operations-requeue = Lägg tillbaka jobb { $job } i kön
operations-requeued = Jobbet ligger i kön igen.
operations-not-dead = Jobbet är inte (längre) avvisat: inget ändrades.
mail-application-sent-subject = Din ansökan har skickats
mail-application-sent-body =
    Hej,

    din ansökan skickades till Migrationsverket den { $date }, och dess behandlingsavgift är betald. Ansökans referens och vad som händer härnäst finns i Migrationens e-tjänst: logga in för att se dem.

    Nästa steg är att bevisa din identitet på det serviceställe du valde inom 3 månader. Logga in i tjänsten för att se vad du ska ta med: listan finns på din ansökans sida, klar att skriva ut.

    Du får ett meddelande när det finns nytt om din ansökan.

    Meddelandet har skickats automatiskt; svar läses inte.
mail-news-subject = Det finns något nytt för dig i migrationens e-tjänst
mail-news-body =
    Hej,

    det finns något nytt om din ansökan för dig i migrationens e-tjänst. Logga in i tjänsten för att läsa det: skriv själv tjänstens adress { $address } i din webbläsare.

    Vi ber aldrig om dina bankkoder eller lösenord per e-post, och det här meddelandet har ingen länk.

    Det här meddelandet skickades automatiskt; svar läses inte.
mail-employer-news-subject = Det finns något nytt för din organisation i migrationens e-tjänst
mail-employer-news-body =
    Hej,

    det finns något nytt för din organisation i migrationens e-tjänst om en anställds ansökan. Logga in i tjänsten och företräd din organisation för att läsa det: skriv tjänstens adress { $address } i webbläsaren själv.

    Vi ber aldrig om dina bankkoder eller lösenord per e-post, och det här meddelandet har ingen länk.

    Det här meddelandet skickades automatiskt; svar läses inte.
mail-employer-request-reminder-subject = En begäran i migrationens e-tjänst väntar på din organisations svar
mail-employer-request-reminder-body =
    Hej,

    en begäran till din organisation om mer information om en anställds ansökan i migrationens e-tjänst har ännu inte besvarats. Sista dagen att svara är { $date }. Logga in i tjänsten och företräd din organisation för att svara: skriv tjänstens adress { $address } i webbläsaren själv.

    Vi ber aldrig om dina bankkoder eller lösenord per e-post, och det här meddelandet har ingen länk.

    Det här meddelandet skickades automatiskt; svar läses inte.
mail-employer-task-subject = Din organisation har en uppgift i migrationens e-tjänst
mail-employer-task-body =
    Hej,

    en anställds ansökan i migrationens e-tjänst väntar på din organisations anställningsvillkor. Logga in i tjänsten och företräd din organisation för att se den: skriv tjänstens adress { $address } i webbläsaren själv.

    Vi ber aldrig om dina bankkoder eller lösenord per e-post, och det här meddelandet har ingen länk.

    Det här meddelandet skickades automatiskt; svar läses inte.
mail-request-reminder-subject = En begäran i migrationens e-tjänst väntar på ditt svar
mail-request-reminder-body =
    Hej,

    en begäran om mer information om din ansökan i migrationens e-tjänst har ännu inte besvarats. Sista dagen att svara är { $date }. Logga in i tjänsten för att svara: skriv själv tjänstens adress { $address } i din webbläsare.

    Vi ber aldrig om dina bankkoder eller lösenord per e-post, och det här meddelandet har ingen länk.

    Det här meddelandet skickades automatiskt; svar läses inte.
operations-kind-decision-fetch = Hämtning av ett beslut från ärendehanteringen
operations-kind-decision-report = Anmälan om ett besluts delgivning till ärendehanteringen
operations-event-decision-made = Beslut fattat
operations-decisions-unopened = Beslut som inte öppnades inom 7 dagar (skickade per post): { $count }
job-error-too-large = Ärendehanteringens dokument är större än portalen tar emot.
job-error-decision-mismatch = Beslutsdokumentet motsvarar inte den SHA-256 och storlek som händelsen angav.
job-error-decision-not-a-pdf = Beslutsdokumentet är inte en PDF som portalen kan visa ({ $detail }).
job-error-decision-busy = Dokumentets kontroll väntar på att andra kontroller blir klara.
job-error-decision-not-kept = Beslutet kunde inte sparas här (se tjänstens logg).
employer-title = Arbetsgivare
employer-intro = Som arbetsgivare fyller du i anställningsvillkoren i dina anställdas arbetsbaserade ansökningar för din organisations räkning. Du väljer organisationen i Suomi.fi-fullmakter: du får företräda den om du har en roll i den i handelsregistret eller en fullmakt.
employer-acting-for = Du företräder { $name } ({ $id })
employer-switch = Företräd en annan organisation
employer-as-self = Uträtta ärenden som dig själv
employer-acting-self-now = Du uträttar ärenden som dig själv, för ingen organisation.
employer-choose-intro = För att företräda en organisation väljer du den i Suomi.fi-fullmakter. Därefter kommer du tillbaka hit.
employer-choose = Välj en organisation att företräda
employer-no-identity = Identiteten för ditt konto har inte verifierats, så de organisationer du får företräda kan inte kontrolleras. Kontakta Migrationsverkets kundtjänst.
employer-acting-now = Du företräder nu den organisation du valde.
employer-acting-self = Du uträttar nu ärenden som dig själv.
mandate-disallowed = Du får inte företräda den organisationen i detta ärende: Suomi.fi-fullmakter tillät det inte. Organisationen kan ge dig en fullmakt.
mandate-refused = Svaret från Suomi.fi-fullmakter gällde inte detta val eller kom för sent. Välj organisationen på nytt.
mandate-unavailable = Suomi.fi-fullmakter kunde inte nås just nu. Försök igen om en stund.
mail-message-code =
    Meddelandekod: { $code }

    Kommer det här meddelandet verkligen från oss? Skriv själv tjänstens adress { $address } i din webbläsare, välj "Är meddelandet från oss?" längst ned på sidan och ange koden.
