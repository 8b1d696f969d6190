## Referrals: codes, applying one, rewards
referrals-disabled = Invitations are paused for now. Try again later.
referrals-already-referred = You have already used an invitation code.
referrals-code-unknown = We could not find this invitation code. Check it and try again.
referrals-self = You cannot use your own invitation code.
referrals-circular = You cannot use the code of a friend you invited.
referrals-too-late = Invitation codes can only be used before your first order is delivered.
referrals-phone-rewarded = This phone number has already received an invitation reward.
referrals-device-rewarded = This device has already received an invitation reward.
