save = Save
login-forgot = Forgot your password?
login-code-title = Enter the code from your authenticator app
login-code-intro = Your account is protected with a second step. Open the authenticator app on your phone and enter the code it shows for this service.
login-code = Code
login-code-hint = 6 digits from the app, or one of your recovery codes if you do not have your phone
login-code-submit = Continue
login-code-missing = Enter the code from your authenticator app
login-code-wrong = The code is wrong or has already been used. Enter the newest code from the app.
login-code-expired = The time for entering the code ran out. Log in again.
register-role = Who are you creating the account for?
register-role-applicant = For myself, to apply for a permit or citizenship
register-role-applicant-hint = Also if you apply for your child or as a family member
register-role-employer = For an employer, for the employer service
register-role-employer-hint = You act for an organisation that has a Finnish Business ID, and give the terms of employment of its employees' applications.
register-role-missing = Choose who you are creating the account for
reset-title = Reset your password
reset-intro = Enter the e-mail address of your account. We send a code to it, and with the code you can choose a new password.
reset-submit = Send code
reset-code-title = Choose a new password
reset-sent = If { $email } has an account, we sent a code to it. Enter the code and your new password. Check your spam folder if the message does not arrive in a few minutes.
reset-nothing-pending = There is no code waiting to be entered. Start by asking for a code.
reset-confirm = Change password
password-reset-done = Your password has been changed and you have been logged out everywhere. Log in with your new password.
account-password = Password
account-two-factor = Two-step login
account-language = Language of messages
account-data-title = Your data
account-data-body = You can download everything the service holds about your account as a file (JSON).
account-data-link = Download your data
two-factor-on = On
two-factor-off = Off
password-change-title = Change your password
password-current = Current password
password-current-missing = Enter your current password
password-current-wrong = The current password is wrong
password-new = New password
password-other-devices = Other devices
password-sign-out-others = Log me out on all other devices
password-sign-out-others-hint = Choose this if you think someone else knows your password
password-change-submit = Change password
password-changed = Your password has been changed.
password-changed-others-out = Your password has been changed and you have been logged out on all other devices.
email-change-title = Change your e-mail address
email-change-intro = We send a code to the new address. The address changes once you have entered the code.
email-change-new = New e-mail address
email-change-submit = Send code
email-change-same = This is already the address of your account
email-change-sent = We sent a code to { $email }. Enter it here to change the address of your account.
email-change-nothing-pending = There is no code waiting to be entered. Start by giving the new address.
email-change-taken = Another account already uses this address. Choose another address.
email-changed = Your e-mail address has been changed.
language-title = Language of messages
language-legend = Which language should we write to you in?
language-hint = E-mail from the service is sent in this language. The pages also change to it.
language-missing = Choose a language
language-changed = The language has been changed.
delete-title = Delete your account
delete-drafts = Deleting your account removes the account and every application you have not sent yet.
delete-sent-kept = Applications you have already sent are not deleted: the Finnish Immigration Service must keep them as the law requires, and they are processed as before. You will hear about them by post or from the service point.
delete-data-first = Download your data first if you want to keep a copy.
delete-confirm-legend = Confirm
delete-confirm = I understand that the account and my unsent applications are deleted permanently
delete-confirm-missing = Tick the box to confirm that you want to delete your account
delete-submit = Delete account
deleted-title = Your account has been deleted
deleted-body = Your account and your unsent applications have been deleted. Applications you had sent are still processed.
two-factor-title = Two-step login
two-factor-intro = With two-step login, logging in needs a code from an app on your phone as well as your password, so a stolen password alone is not enough.
two-factor-staff-required = Staff accounts must use two-step login. Set it up to continue.
two-factor-step-app = Install an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator or FreeOTP.
two-factor-step-scan = In the app, add an account and scan this QR code.
two-factor-qr-label = QR code for the authenticator app
two-factor-step-key = If you cannot scan it, type this key into the app instead:
two-factor-step-code = Enter the 6-digit code the app now shows.
two-factor-code = Code from the app
two-factor-code-hint = 6 digits. The app shows a new code every 30 seconds.
two-factor-code-missing = Enter the code from the app
two-factor-code-wrong = The code is wrong. Check that you scanned the code on this page and enter the newest code from the app.
two-factor-submit = Turn on two-step login
two-factor-enabled-body = Two-step login is on. When you log in, you also need a code from your authenticator app.
two-factor-codes-left = You have { $count } unused recovery codes.
two-factor-new-codes = Make new recovery codes
two-factor-disable-title = Turn off two-step login
two-factor-disable-submit = Turn off two-step login
two-factor-disabled = Two-step login has been turned off.
recovery-codes-title = Your recovery codes
recovery-codes-intro = If you lose your phone, you can log in with one of these codes instead of a code from the app. Each code works once.
recovery-codes-once = Write them down or print this page now, and keep them somewhere safe: they are not shown again. Making new codes cancels these.
recovery-codes-done = I have saved my codes
recovery-codes-gone = Recovery codes are shown only once. You can make new ones on the two-step login page.
staff-title = Staff tools
staff-audit-title = Account events
staff-audit-intro = The latest 100 logins, registrations and account changes, newest first. Many failed logins from one client can mean someone is guessing passwords.
staff-audit-when = Time (UTC)
staff-audit-event = Event
staff-audit-account = Account number
staff-audit-client = Client address
audit-detail-callback = the payment provider told the service
audit-detail-return = the payer came back from the provider
audit-detail-status = the service asked the provider
audit-client-command-line = administrator, on the server
staff-audit-repeats = (and { $count } more like it from the same address)
mail-reset-subject = Your code for resetting your password
mail-reset-body =
    Hello,

    your code for choosing a new password in the immigration online service is:

    { $code }

    The code is valid for { $minutes } minutes. If you did not ask for it, you can ignore this message: your password has not been changed.

    This message was sent automatically; replies are not read.
mail-password-changed-subject = Your password was changed
mail-password-changed-body =
    Hello,

    the password of your account in the immigration online service was just changed.

    If it was you, you do not need to do anything. If it was not you, reset your password in the service at once and contact the Finnish Immigration Service.

    This message was sent automatically; replies are not read.
mail-change-email-subject = Your code for changing your e-mail address
mail-change-email-body =
    Hello,

    your code for making this the e-mail address of your account in the immigration online service is:

    { $code }

    The code is valid for { $minutes } minutes. If you did not ask for it, you can ignore this message.

    This message was sent automatically; replies are not read.
mail-email-changed-subject = The e-mail address of your account was changed
mail-email-changed-body =
    Hello,

    the e-mail address of your account in the immigration online service was just changed to another address. Messages from the service now go there.

    If it was not you, contact the Finnish Immigration Service at once.

    This message was sent automatically; replies are not read.
timeout-title = You will be logged out soon
timeout-body = For your security, we log you out in { $minutes } minutes if you do nothing. Anything you have not saved will be lost.
timeout-stay = Stay logged in
timeout-ended-title = You have been logged out
timeout-ended-body = For your security, we logged you out because you had done nothing for 30 minutes. Anything you had saved is kept.
timeout-limit = For your security, you are logged out after { $minutes } minutes without activity. Save your answers before then: what has not been saved is lost.

# The staff page's audit log: each event by its code, in words.
audit-created-by-administrator = Account created by an administrator
audit-login-succeeded = Logged in
audit-login-failed = Login failed
audit-logged-out = Logged out
audit-registered = Registered
audit-email-verified = E-mail address confirmed
audit-password-reset-requested = Password reset requested
audit-password-reset = Password reset
audit-password-changed = Password changed
audit-email-changed = E-mail address changed
audit-two-factor-enabled = Two-step login turned on
audit-two-factor-disabled = Two-step login turned off
audit-recovery-codes-renewed = Recovery codes renewed
audit-account-deleted = Account deleted
audit-access-refused = Access refused
audit-payment-paid = Fee paid
audit-payment-refund-due = Second payment, to be refunded
audit-payment-refused = Payment message refused
audit-job-requeued = Job put back in the queue
audit-case-event-refused = Case backend event refused
audit-acting-for-organisation = Began to act for an organisation
audit-mandate-refused = Not allowed to act for an organisation
audit-scam-report-handled = Report of a suspicious message or call marked handled
staff-refunds-title = Payments to refund
staff-refunds-intro = These applications were paid a second time (another attempt succeeded after one had been paid). Refund them through the payment provider.
staff-refunds-reference = Reference
staff-refunds-amount = Amount
staff-refunds-paid = Paid on
staff-refunds-transaction = Provider's transaction
operations-title = Forwarding and mail
operations-no-backend = No case backend is configured: sent applications wait in the queue until one is.
operations-awaiting = Sent applications the case backend has not yet confirmed: { $count }
operations-queue-title = The job queue
operations-kind = Kind
operations-kind-mail = E-mail
operations-kind-delivery = Delivery to the case backend
operations-kind-terms-delivery = Employer's part to the case backend
operations-kind-reply = Reply to the case backend
operations-waiting = Waiting
operations-oldest = Oldest waiting
operations-minutes = { $minutes } min
operations-done = Done in the last hour
operations-dead-count = Dead-lettered
operations-events-title = Events from the case backend
operations-events-taken = Taken in the last 24 hours
operations-events-refused = Refused in the last hour
operations-none = none
operations-what = What
operations-count = Count
operations-event-received = Received
operations-event-identity-visit-needed = Identity visit needed
operations-event-in-processing = In processing
operations-event-additional-information-requested = More information requested
operations-event-request-deadline-extended = Request's date moved
operations-refused-bad-signature = Bad or missing signature, or a stale timestamp
operations-refused-bad-key = Idempotency-Key missing or not the event's id
operations-refused-not-an-event = Not an event of this contract
operations-refused-unknown-case = For a case the portal does not know
operations-failures-title = Failed jobs
operations-failures-intro = Jobs that failed and are not done: retrying ones are tried again by themselves; dead-lettered ones wait for you. Put one back in the queue once its cause is mended.
operations-job = Job
operations-state = State
operations-attempts = Attempts
operations-failing-long = { $count } deliveries have kept failing for over { $minutes } minutes. The case backend may be down: they are tried again until it is back. The applications:
operations-reference = Application
operations-error = Last error
job-error-no-backend = No case backend is configured: deliveries wait until one is.
job-error-document-unreadable = The queued document could not be read.
job-error-payment-record-incomplete = The payment record has no { $detail }, so the application is not sent with a stand-in: the delivery waits. Report it to the service's maintainers with the reference.
job-error-backend-timeout = The case backend did not answer in time.
job-error-backend-unreachable = The case backend could not be reached.
job-error-backend-connection = The connection to the case backend broke off.
job-error-answer-cut-off = The case backend's answer was cut off.
job-error-not-a-receipt = The case backend answered { $detail }, but not with a receipt.
job-error-application-not-received = The application it belongs to has no receipt from the case backend yet.
job-error-receipt-not-recorded = The receipt could not be recorded here (see the service log).
job-error-backend-status = The case backend answered { $detail }.
job-error-backend-redirect = The case backend answered { $detail }, a redirect, which is not followed.
job-error-message-unopened = The queued message could not be opened.
job-error-message-unwritten = The message could not be written.
job-error-mail-refused = The mail server refused the message for good ({ $detail }).
job-error-mail-unavailable = The mail server could not take the message now ({ $detail }).
job-error-abandoned = Its last attempt did not come back: the instance stopped.
operations-when = Next try or died (UTC)
operations-dead = Dead-lettered
operations-retrying = Retrying
operations-requeue = Put job { $job } back in the queue
operations-requeued = The job is back in the queue.
operations-not-dead = That job is not dead-lettered (anymore): nothing was changed.
mail-application-sent-subject = Your application was sent
mail-application-sent-body =
    Hello,

    your application was sent to the Finnish Immigration Service on { $date }, and its processing fee is paid. Its reference and what happens next are in the immigration online service: sign in to see them.

    Next, prove your identity at the service point you chose within 3 months. Sign in to the service to see what to bring: the list is on your application's page, ready to print.

    You will get a message when there is news of your application.

    This message was sent automatically; replies are not read.
mail-news-subject = There is something new for you in the immigration online service
mail-news-body =
    Hello,

    there is something new for you in the immigration online service about your application. Sign in to the service to read it: type the service's address { $address } in your browser yourself.

    We never ask for your banking codes or passwords by e-mail, and this message has no link.

    This message was sent automatically; replies are not read.
mail-employer-news-subject = There is something new for your organisation in the immigration online service
mail-employer-news-body =
    Hello,

    there is something new for your organisation in the immigration online service about an employee's application. Sign in to the service and act for your organisation to read it: type the service's address { $address } in your browser yourself.

    We never ask for your banking codes or passwords by e-mail, and this message has no link.

    This message was sent automatically; replies are not read.
mail-employer-request-reminder-subject = A request in the immigration online service waits for your organisation's answer
mail-employer-request-reminder-body =
    Hello,

    a request to your organisation for more information about an employee's application in the immigration online service has not been answered yet. The last day to answer is { $date }. Sign in to the service and act for your organisation to answer it: type the service's address { $address } in your browser yourself.

    We never ask for your banking codes or passwords by e-mail, and this message has no link.

    This message was sent automatically; replies are not read.
mail-employer-task-subject = Your organisation has a task in the immigration online service
mail-employer-task-body =
    Hello,

    an employee's application in the immigration online service is waiting for your organisation's terms of employment. Sign in to the service and act for your organisation to see it: type the service's address { $address } in your browser yourself.

    We never ask for your banking codes or passwords by e-mail, and this message has no link.

    This message was sent automatically; replies are not read.
mail-request-reminder-subject = A request in the immigration online service waits for your answer
mail-request-reminder-body =
    Hello,

    a request for more information about your application in the immigration online service has not been answered yet. The last day to answer is { $date }. Sign in to the service to answer it: type the service's address { $address } in your browser yourself.

    We never ask for your banking codes or passwords by e-mail, and this message has no link.

    This message was sent automatically; replies are not read.
operations-kind-decision-fetch = Fetch of a decision from the case backend
operations-kind-decision-report = Report of a decision's serving to the case backend
operations-event-decision-made = Decision made
operations-decisions-unopened = Decisions not opened within 7 days (posted instead): { $count }
job-error-too-large = The case backend's document is larger than the portal takes.
job-error-decision-mismatch = The decision's document does not match the SHA-256 and size its event gave.
job-error-decision-not-a-pdf = The decision's document is not a PDF the portal can show ({ $detail }).
job-error-decision-busy = The document's check waits for other checks to finish.
job-error-decision-not-kept = The decision could not be kept here (see the service log).
employer-title = Employer
employer-intro = As an employer you fill in the terms of employment of your employees' work-based applications, acting for your organisation. You choose the organisation through Suomi.fi e-Authorizations: you may act for it if you hold a role in it in the trade register, or a mandate.
employer-acting-for = You are acting for { $name } ({ $id })
employer-switch = Act for another organisation
employer-as-self = Act as yourself
employer-acting-self-now = You are acting as yourself, for no organisation.
employer-choose-intro = To act for an organisation, choose it in Suomi.fi e-Authorizations. You come back here afterwards.
employer-choose = Choose an organisation to act for
employer-no-identity = Your account's identity has not been verified, so the organisations you may act for cannot be checked. Contact the Finnish Immigration Service's customer service.
employer-acting-now = You are now acting for the organisation you chose.
employer-acting-self = You are now acting as yourself.
mandate-disallowed = You may not act for that organisation in this matter: Suomi.fi e-Authorizations did not allow it. The organisation can give you a mandate.
mandate-refused = The answer from Suomi.fi e-Authorizations was not for this choice, or came too late. Choose the organisation again.
mandate-unavailable = Suomi.fi e-Authorizations could not be reached just now. Try again in a moment.
mail-message-code =
    Message code: { $code }

    Is this message really from us? Type the service's address { $address } in your browser yourself, choose "Is this message from us?" at the bottom of the page, and enter the code.
