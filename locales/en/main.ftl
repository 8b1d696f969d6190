## API errors
error-bad-request = The request could not be understood.
error-malformed-json = The request body is not valid JSON.
error-content-type-json = Send the body as JSON with the header Content-Type: application/json.
error-unauthenticated = Sign in to continue.
error-token-invalid = Your session is not valid. Sign in again.
error-token-expired = Your session has expired. Sign in again.
error-refresh-invalid = This refresh token is not valid. Sign in again.
error-refresh-reused = This refresh token was already used; for your safety every session started from it was signed out.
error-account-suspended = This account is suspended. Contact support.
error-forbidden = You do not have permission to do this.
error-not-found = Not found.
error-method-not-allowed = This method is not allowed here.
error-timeout = The request took too long.
error-payload-too-large = The request is too large.
error-unsupported-media-type = This type of file is not allowed.
error-validation = Some fields are not valid.
error-rate-limited = Too many attempts. Try again in { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
}.
error-rate-limited-plain = Too many attempts. Try again later.
error-unavailable = The service is temporarily unavailable.
error-internal = Something went wrong on our side. Quote the request id when you contact support.
error-conflict = This conflicts with the current state.

## Field rules
validation-required = This field is required.
validation-unknown-field = This field is not allowed.
validation-nul = This value holds a NUL character, which is not allowed.
validation-type = This value has the wrong type.
validation-one-of = Use one of: { $allowed }.
validation-too-long = Use at most { $max ->
    [one] one character
   *[other] { $max } characters
}.
validation-min = Must be at least { $min }.
validation-range = Must be between { $min } and { $max }.
validation-email = Enter a valid email address.
validation-phone = Enter a valid mobile number, for example 05XXXXXXXX or +9665XXXXXXXX.
validation-otp-format = The code is 6 digits.
validation-role-signup = You can sign up as a customer, a supplier or a representative.
validation-uuid = This is not a valid identifier.
validation-permission-unknown = Unknown permission: { $permission }.

## Identity
otp-invalid = The code is wrong or has expired.
otp-attempts-left = The code is wrong. { $left ->
    [one] One attempt left.
   *[other] { $left } attempts left.
}
otp-burned = Too many wrong attempts. Request a new code.
otp-sms = Your Qitaa code is { $code }. It expires in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Do not share it.
user-deletion-not-due = The grace period of this deletion request has not ended yet.
user-no-deletion-request = There is no pending deletion request.
user-already-in-state = The user is already in this state.
admin-cannot-suspend-self = You cannot suspend your own account.
admin-not-admin = This user is not an admin.
admin-phone-taken = This phone belongs to a user who is not an admin.

## Web
web-title = Qitaa
web-tagline = Car parts and car services, in one place.
web-switch-language = العربية
web-admin-title = Admin dashboard
web-admin-signin = Sign in
web-admin-phone = Mobile number
web-admin-send-code = Send code
web-admin-code = Code
web-admin-verify = Sign in
web-admin-code-sent = We sent a code to { $phone }.
web-admin-not-admin = This account has no access to the admin dashboard.
web-admin-signout = Sign out
web-admin-users = Users
web-admin-search = Search by name, phone or email
web-admin-role = Role
web-admin-status = Status
web-admin-all = All
web-admin-actions = Actions
web-admin-suspend = Suspend
web-admin-reactivate = Reactivate
web-admin-name = Name
web-admin-phone-col = Phone
web-admin-joined = Joined
web-admin-filter = Filter
web-admin-previous = Previous
web-admin-next = Next
web-admin-page = Page { $page } of { $pages }
web-admin-no-users = No users match.
web-csrf-failed = The form expired. Reload the page and try again.
web-landing-customers = For customers
web-landing-customers-text = Order parts from trusted stores, book a car wash, ask stores for quotes, or call a repair representative to where you are.
web-landing-suppliers = For suppliers
web-landing-suppliers-text = Open your stores, list your parts, answer requests and get paid through one ledger.
web-landing-reps = For representatives
web-landing-reps-text = Take on-demand repair jobs near you.

## Roles and statuses
role-CUSTOMER = Customer
role-SUPPLIER = Supplier
role-REPRESENTATIVE = Representative
role-ADMIN = Admin
role-SUPER_ADMIN = Super admin
status-active = Active
status-pending_approval = Pending approval
status-suspended = Suspended
status-deleted = Deleted

# Every amount shown to people (kernel::money::format).
money-sar = SAR { $amount }

## Wallet top-ups by card
wallet-topup-over-max = A single top-up can add at most { $max } SAR.
wallet-topup-over-daily = Top-ups can add at most { $max } SAR in 24 hours.
error-maintenance = Qitaa is under maintenance. Please try again shortly.
error-app-update-required = This version of the app is no longer supported. Please update to version { $minimum } or later.
error-feature-disabled = This service is not available at the moment.
settings-resend-within-ttl = The resend wait must be shorter than the code's lifetime.
settings-version-format = Use a version such as 2.4 or 2.4.1.
danger-phrase-mismatch = Type exactly: { $phrase }
danger-step-up-required = Ask for a new confirmation code first; the last one expired or was used.
danger-step-up-sms = Qitaa: { $code } is your code to confirm clearing all business data. If you did not ask for it, secure your account now.
