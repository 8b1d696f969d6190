# Chat.

chat-message-empty = Write a message or attach a file.
chat-kind-invalid = The kind is text, attachment or invoice.
chat-store-unknown = This store is not available.
chat-attachment-unknown = Attach a file you uploaded for chat.
chat-invoice-only-store = Only the store can upload an invoice, in a negotiation thread, with a file.
