login-title = Logga in
login-email = E-postadress
login-password = Lösenord
login-submit = Logga in
login-failed = E-postadressen eller lösenordet är fel. Kontrollera dem och försök igen.
login-email-missing = Ange din e-postadress
login-password-missing = Ange ditt lösenord
account-title = Ditt konto
account-email = E-postadress
account-role = Kontotyp
account-signed-out = Du är inte inloggad.
role-applicant = Sökande
role-employer = Arbetsgivare
role-staff = Migrationsverkets personal
logout-submit = Logga ut
logged-out-title = Du har loggat ut
logged-out-body = Din session på den här enheten har avslutats. Stäng webbläsaren om du använder en gemensam dator.
login-again = Logga in igen
start-login-link = Logga in i tjänsten
error-no-access-title = Du kan inte göra det
error-no-access-body = Ditt konto ger inte tillgång till den här sidan eller funktionen. Logga in med ett annat konto om du har ett.
login-no-account = Har du inget konto än? Skapa ett
start-register-link = Skapa ett konto
register-title = Skapa ett konto
register-intro = Med ett konto kan du fylla i ansökningar, spara dem och fortsätta senare, och följa dem tills ett beslut har fattats.
register-email = E-postadress
register-email-hint = Vi skickar en kod till den här adressen för att kontrollera att den är din
register-email-missing = Ange din e-postadress
register-email-invalid = Ange en e-postadress i rätt form, till exempel namn@exempel.fi
register-password = Lösenord
register-password-hint = Minst 8 tecken. Några ord i rad blir ett starkt lösenord som är lätt att komma ihåg.
register-password-missing = Ange ett lösenord
register-password-short = Lösenordet måste ha minst 8 tecken
register-password-long = Lösenordet får ha högst 128 tecken
register-password-common = Det här lösenordet är ett av de vanligaste och därför lätt att gissa. Välj ett annat.
register-submit = Skapa konto
verify-title = Kontrollera din e-post
verify-sent = Vi skickade en kod till { $email }. Ange den här för att slutföra ditt konto.
verify-code = Kod
verify-code-hint = 6 siffror. Koden gäller i 15 minuter.
verify-submit = Bekräfta
verify-code-format = Ange kodens 6 siffror
verify-code-wrong = Koden är fel eller gäller inte längre. Kontrollera det senaste meddelandet vi skickade.
verify-nothing-pending = Ingen kod väntar på att anges. Börja med att skapa ett konto.
mail-verify-subject = Din kod till Migrationens e-tjänst
mail-verify-body =
    Hej,

    din kod för att skapa ett konto i Migrationens e-tjänst är:

    { $code }

    Koden gäller i { $minutes } minuter. Om du inte skapade något konto kan du strunta i det här meddelandet.

    Meddelandet skickades automatiskt; svar läses inte.
mail-exists-subject = Någon försökte skapa ett konto med din adress
mail-exists-body =
    Hej,

    någon försökte skapa ett konto i Migrationens e-tjänst med den här e-postadressen. Du har redan ett konto med adressen, så inget nytt konto skapades.

    Om det var du, logga in med ditt lösenord. Om det inte var du behöver du inte göra något.

    Meddelandet skickades automatiskt; svar läses inte.
error-too-many-title = För många försök
error-too-many-body = Det har kommit för många försök på kort tid. Vänta några minuter och försök igen.
error-busy-title = Tjänsten är överbelastad
error-busy-body = Tjänsten har just nu mer att göra än den hinner med. Gå tillbaka, vänta en stund och skicka formuläret igen.

# The header's account part, on every page.
header-account-label = Konto
header-signed-in-as = Inloggad som
header-log-in = Logga in
account-created = Ditt konto har skapats.
account-created-applicant = Ditt konto har skapats. Nu kan du påbörja en ansökan.

# What an employer's account page says about the employer service.
account-employer-title = Arbetsgivartjänsten
account-employer-link = Företräd din organisation
account-employer-meanwhile = Agera för din organisation för att se dina anställdas ansökningar och ge deras anställningsvillkor.
