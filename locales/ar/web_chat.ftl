# محادثة الدعم على الويب: تطبيق العملاء ولوحة الشركاء وصندوق الدعم لدى الإدارة.

web-chat-nav = الدعم
web-chat-support-title = تحدّث مع الدعم
web-chat-support-intro = اسألنا عن طلب أو قطعة أو حسابك، وسيردّ عليك فريق قطع هنا.
web-chat-partner-intro = تحدّث مع فريق قطع عن شركتك ومتاجرك وطلباتك.
web-chat-inbox-title = صندوق الدعم
web-chat-inbox-empty = لا توجد محادثات بعد.
web-chat-customer = العميل
web-chat-last-message = آخر رسالة
web-chat-last-at = آخر نشاط
web-chat-unread = غير مقروءة
web-chat-newer = محادثات أحدث
web-chat-older = محادثات أقدم
web-chat-thread-title = محادثة مع { $name }
web-chat-me = أنت
web-chat-support-team = دعم قطع
web-chat-unnamed = عميل بلا اسم
web-chat-messages-label = الرسائل
web-chat-empty = لا توجد رسائل بعد. اكتب أول رسالة.
web-chat-label = رسالتك
web-chat-placeholder = اكتب رسالتك…
web-chat-send = إرسال
web-chat-attachment = مرفق
web-chat-connecting = جارٍ الاتصال…
web-chat-live = متصل: تظهر الرسائل الجديدة هنا فور وصولها
web-chat-offline = غير متصل، نعيد المحاولة…
web-chat-failed = لم تُرسَل الرسالة. حاول مرة أخرى.
