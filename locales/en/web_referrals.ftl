## Referrals: the app's "Invite friends" card and the admins' page
web-ref-title = Invite friends
web-ref-explain = Your friend gets { $friend } and you get { $you } in your wallets when their first order is delivered.
web-ref-your-code = Your code
web-ref-link = Link to share
web-ref-link-hint = Send it to a friend; they can also type your code in their account.
web-ref-stats = { $count ->
    [0] No friends joined yet.
    [one] One friend joined · you earned { $earned }.
   *[other] { $count } friends joined · you earned { $earned }.
}
web-ref-applied-pending = You used an invitation code: your reward arrives with your first delivered order.
web-ref-applied-rewarded = Your invitation reward is in your wallet.
web-ref-applied-revoked = The invitation code you used was cancelled.
web-ref-apply-label = Have a friend's code?
web-ref-apply = Use code
web-ref-toast-applied = Code applied. Your reward arrives with your first delivered order.
web-account-wallet-kind-referral_reward = Invitation reward
web-orders-ledger-kind-referral_reward = Invitation reward
web-ref-admin-title = Referrals
web-ref-admin-subtitle = Customers who joined with a friend's code, and the rewards paid when their first order was delivered.
web-ref-search = Code or phone
web-ref-count = { $count ->
    [0] No referrals
    [one] One referral
   *[other] { $count } referrals
}
web-ref-empty-title = No referrals here
web-ref-empty-text = When a customer uses a friend's code, it shows here.
web-ref-col-code = Code
web-ref-col-referrer = Referrer
web-ref-col-referee = New customer
web-ref-col-rewards = Rewards
web-ref-col-created = Applied
web-ref-unnamed = No name
web-ref-capped = Monthly cap reached
web-ref-status-pending = Pending
web-ref-status-rewarded = Rewarded
web-ref-status-revoked = Revoked
web-ref-revoke = Revoke
web-ref-revoke-q = Why revoke this referral? It will not be rewarded.
web-ref-revoke-rewarded-q = Why revoke this referral? The rewards already paid stay in the wallets.
web-ref-toast-revoked = Referral revoked.
web-ref-copy = Copy
web-ref-copied = Link copied
