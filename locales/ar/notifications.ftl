## The job queue
jobs-not-dead = لا يُعاد إلا تنفيذ مهمة متوقفة نهائيًا، وهذه ليست كذلك.

## Devices, templates and broadcasts
notifications-validation-web-subscription = لإشعارات المتصفح أرسل اشتراك المتصفح بصيغة JSON: {"{"}"endpoint": "https://…", "keys": {"{"}"p256dh": "…", "auth": "…"{"}"}{"}"}.
notifications-validation-web-endpoint = يجب أن يكون عنوان اشتراك الإشعارات عنوان https لخدمة إشعارات متصفح.
notifications-validation-html-email-only = جزء HTML خاص بقوالب البريد الإلكتروني فقط.
notifications-validation-placeholder = المتغير {"{"}{ $name }{"}"} غير معروف. المتاح: { $allowed }.
notifications-validation-segment-all = أرسل إلى الجميع أو إلى دور أو مدينة، لا الاثنين معًا.
notifications-validation-segment-required = اختر المستلمين: دورًا أو مدينة أو الجميع.

## Order statuses in notifications
notifications-order-status-pending_payment = بانتظار الدفع
notifications-order-status-confirmed = مؤكد
notifications-order-status-accepted = قبله المتجر
notifications-order-status-preparing = قيد التجهيز
notifications-order-status-shipped = تم الشحن
notifications-order-status-ready_for_pickup = جاهز للشحن
notifications-order-status-delivered = تم التوصيل
notifications-order-status-cancelled = ملغى
notifications-order-status-returned = أُعيد إلى المتجر وأُلغي
notifications-order-status-rejected = رفضه المتجر
notifications-order-status-refunded = مسترد
