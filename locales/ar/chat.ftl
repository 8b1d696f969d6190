# المحادثات.

chat-message-empty = اكتب رسالة أو أرفق ملفًا.
chat-kind-invalid = النوع نص أو مرفق أو فاتورة.
chat-store-unknown = هذا المتجر غير متاح.
chat-attachment-unknown = أرفق ملفًا رفعته للمحادثة.
chat-invoice-only-store = يرفع المتجر وحده الفاتورة، في محادثة تفاوض، مع ملف.
