# Registration requests of suppliers and representatives (API and messages).
registrations-honeypot = Leave this field empty.
registrations-not-this-step = This field belongs to another step.
registrations-step-kind = This step is not part of this kind of registration.
registrations-plate = Enter the plate with its numbers.
registrations-national-id = Enter a national ID or iqama number of 10 digits starting with 1 or 2.
registrations-document-required = Upload this document.
registrations-incomplete = Some details or documents are still missing.
registrations-locked = This registration cannot be changed now.
registrations-confirm-expired = This confirmation link has expired. Submit your registration again to get a new one.
registrations-confirm-used = This confirmation link was already used or replaced by a newer one.
registrations-resume-expired = This link has expired. Contact support to reopen your registration.
registrations-resume-used = This link no longer opens your registration: it was sent again or decided.
registrations-not-in-queue = Only a confirmed registration waiting for review can be approved or rejected.
registrations-phone-taken = This mobile number already belongs to another account.
registrations-profile-exists = This representative already has a profile.
registrations-kind-supplier = supplier
registrations-kind-representative = representative

registrations-mail-confirm-subject = Confirm your e-mail for your Qitaa registration
registrations-mail-confirm-body =
    Hello { $name },

    Thank you for registering with Qitaa as a { $kind }. Confirm your e-mail address so our team can review your request:

    { $link }

    The link works once and expires in { $hours } hours.
registrations-mail-confirm-cta = Confirm my e-mail
registrations-mail-rejected-subject = Your Qitaa registration needs changes
registrations-mail-rejected-body =
    Hello { $name },

    We could not approve your registration yet. The reason:

    { $reason }

    Open your registration, correct it and send it again:

    { $link }
registrations-mail-rejected-cta = Open my registration
registrations-sms-rejected-body = Qitaa: your registration needs changes: { $reason } Open it: { $link }
registrations-mail-approved-subject = Your Qitaa account is approved
registrations-mail-approved-body =
    Hello { $name },

    Your registration is approved. Sign in with your mobile number:

    { $link }
registrations-mail-approved-cta = Sign in
