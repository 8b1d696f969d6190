## Web dashboard (admin): broadcasts and the job queue

web-broadcasts-title = Broadcasts
web-broadcasts-one = Broadcast
web-broadcasts-new = New broadcast
web-broadcasts-new-help = A message in Arabic and English to a group of users. Each recipient gets it in their own language, on the channels they have not turned off for offers and news.
web-broadcasts-title-ar = Title (Arabic)
web-broadcasts-title-en = Title (English)
web-broadcasts-body-ar = Message (Arabic)
web-broadcasts-body-en = Message (English)
web-broadcasts-segment = Audience
web-broadcasts-segment-kind-all = Everyone
web-broadcasts-segment-kind-role = Users of a role
web-broadcasts-segment-kind-city = Users in a city
web-broadcasts-segment-all = Everyone
web-broadcasts-segment-role = Role
web-broadcasts-segment-city = City
web-broadcasts-city-placeholder = e.g. Riyadh
web-broadcasts-channels = Channels
web-broadcasts-channel = Channel
web-broadcasts-channel-push = Push notification
web-broadcasts-channel-sms = SMS
web-broadcasts-channel-email = Email
web-broadcasts-channel-in_app = In-app inbox
web-broadcasts-send = Send broadcast
web-broadcasts-history = Sent broadcasts
web-broadcasts-count = { $count ->
    [0] No broadcasts
    [one] One broadcast
   *[other] { $count } broadcasts
}
web-broadcasts-none = No broadcasts have been sent yet.
web-broadcasts-created = Created
web-broadcasts-by = By
web-broadcasts-message = Title
web-broadcasts-recipients = Recipients
web-broadcasts-progress = Progress
web-broadcasts-in-progress = Sending
web-broadcasts-planned = Every recipient is planned
web-broadcasts-batches = { $count ->
    [0] no batches yet
    [one] one batch
   *[other] { $count } batches
}
web-broadcasts-done-created = The broadcast is queued. Its deliveries appear here as the queue sends them.
web-broadcasts-deliveries = Deliveries
web-broadcasts-deliveries-count = { $count ->
    [0] No deliveries
    [one] One delivery
   *[other] { $count } deliveries
}
web-broadcasts-no-deliveries = No deliveries here yet.
web-broadcasts-recipient = Recipient
web-broadcasts-error = Error
web-broadcasts-updated = Updated

## Delivery statuses
web-broadcasts-status-pending = Pending
web-broadcasts-status-sent = Sent
web-broadcasts-status-failed = Failed
web-broadcasts-status-skipped = Skipped

## The job queue
web-jobs-title = Job queue
web-jobs-help = Jobs that failed their last attempt wait here as dead letters. Retrying one sends it back to the queue, due now, with its attempts reset.
web-jobs-filter-dead = Dead letters
web-jobs-filter-queued = Queued
web-jobs-filter-running = Running
web-jobs-filter-done = Done
web-jobs-filter-all = All jobs
web-jobs-state-dead = Dead
web-jobs-state-queued = Queued
web-jobs-state-running = Running
web-jobs-state-done = Done
web-jobs-kind = Kind
web-jobs-kind-notify-deliver = Notification delivery
web-jobs-kind-broadcast-batch = Broadcast batch
web-jobs-kind-request-expire = Store request expiry
web-jobs-kind-offer-expire = Offer expiry
web-jobs-kind-merchant-email = Merchant order e-mail
web-jobs-kind-booking-remind = Booking reminder
web-jobs-payload = Payload
web-jobs-attempts = Attempts
web-jobs-attempts-of = { $attempts } of { $max }
web-jobs-last-error = Last error
web-jobs-created = Created
web-jobs-run-at = Due
web-jobs-finished = Finished
web-jobs-retry = Retry
web-jobs-retried = Sent back to the queue.
web-jobs-none = No jobs here.
web-jobs-count = { $count ->
    [0] No jobs
    [one] One job
   *[other] { $count } jobs
}
