login-title = Log in
login-email = E-mail address
login-password = Password
login-submit = Log in
login-failed = The e-mail address or the password is wrong. Check them and try again.
login-email-missing = Enter your e-mail address
login-password-missing = Enter your password
account-title = Your account
account-email = E-mail address
account-role = Account type
account-signed-out = You are not logged in.
role-applicant = Applicant
role-employer = Employer
role-staff = Immigration service staff
logout-submit = Log out
logged-out-title = You have logged out
logged-out-body = Your session has ended on this device. Close the browser if you are using a shared computer.
login-again = Log in again
start-login-link = Log in to the service
error-no-access-title = You cannot do that
error-no-access-body = Your account does not give access to this page or action. Log in with another account if you have one.
login-no-account = No account yet? Create one
start-register-link = Create an account
register-title = Create an account
register-intro = With an account you can fill in applications, save them and come back later, and follow them until a decision is made.
register-email = E-mail address
register-email-hint = We send a code to this address to check that it is yours
register-email-missing = Enter your e-mail address
register-email-invalid = Enter an e-mail address in the correct form, like name@example.com
register-password = Password
register-password-hint = At least 8 characters. A few words in a row make a strong password that is easy to remember.
register-password-missing = Enter a password
register-password-short = The password must have at least 8 characters
register-password-long = The password must have at most 128 characters
register-password-common = This password is one of the most common ones, so it is easy to guess. Choose another.
register-submit = Create account
verify-title = Check your e-mail
verify-sent = We sent a code to { $email }. Enter it here to finish creating your account.
verify-code = Code
verify-code-hint = 6 digits. The code is valid for 15 minutes.
verify-submit = Confirm
verify-code-format = Enter the 6 digits of the code
verify-code-wrong = The code is wrong or no longer valid. Check the latest message we sent.
verify-nothing-pending = There is no code waiting to be entered. Start by creating an account.
mail-verify-subject = Your code for the immigration online service
mail-verify-body =
    Hello,

    your code for creating an account in the immigration online service is:

    { $code }

    The code is valid for { $minutes } minutes. If you did not create an account, you can ignore this message.

    This message was sent automatically; replies are not read.
mail-exists-subject = Someone tried to create an account with your address
mail-exists-body =
    Hello,

    someone tried to create an account in the immigration online service with this e-mail address. You already have an account with it, so no new account was created.

    If it was you, log in with your password. If it was not you, you do not need to do anything.

    This message was sent automatically; replies are not read.
error-too-many-title = Too many attempts
error-too-many-body = There have been too many attempts in a short time. Wait a few minutes and try again.
error-busy-title = The service is busy
error-busy-body = The service has more to do than it can take right now. Go back, wait a moment and send the form again.

# The header's account part, on every page.
header-account-label = Account
header-signed-in-as = Signed in as
header-log-in = Log in
account-created = Your account has been created.
account-created-applicant = Your account has been created. You can now start an application.

# What an employer's account page says about the employer service.
account-employer-title = The employer service
account-employer-link = Act for your organisation
account-employer-meanwhile = Act for your organisation to see your employees' applications and give their terms of employment.
