# Support chat on the web: the customer app, the partner dashboard and the admin's support inbox.

web-chat-nav = Support
web-chat-support-title = Chat with support
web-chat-support-intro = Ask us about an order, a part or your account; the Qitaa team answers here.
web-chat-partner-intro = Talk to the Qitaa team about your company, your stores and your orders.
web-chat-inbox-title = Support inbox
web-chat-inbox-empty = No conversations yet.
web-chat-customer = Customer
web-chat-last-message = Last message
web-chat-last-at = Last activity
web-chat-unread = Unread
web-chat-newer = Newer conversations
web-chat-older = Older conversations
web-chat-thread-title = Conversation with { $name }
web-chat-me = You
web-chat-support-team = Qitaa support
web-chat-unnamed = Customer without a name
web-chat-messages-label = Messages
web-chat-empty = No messages yet. Write the first one.
web-chat-label = Your message
web-chat-placeholder = Write a message…
web-chat-send = Send
web-chat-attachment = Attachment
web-chat-connecting = Connecting…
web-chat-live = Connected: new messages appear here as they arrive
web-chat-offline = Not connected; trying again…
web-chat-failed = The message was not sent. Try again.
