## لوحة الإدارة على الويب: الإشعارات الجماعية وقائمة المهام

web-broadcasts-title = الإشعارات الجماعية
web-broadcasts-one = إشعار جماعي
web-broadcasts-new = إشعار جماعي جديد
web-broadcasts-new-help = رسالة بالعربية والإنجليزية إلى مجموعة من المستخدمين. يصل كل مستلم بلغته، عبر القنوات التي لم يوقفها للعروض والأخبار.
web-broadcasts-title-ar = العنوان (بالعربية)
web-broadcasts-title-en = العنوان (بالإنجليزية)
web-broadcasts-body-ar = النص (بالعربية)
web-broadcasts-body-en = النص (بالإنجليزية)
web-broadcasts-segment = الفئة المستهدفة
web-broadcasts-segment-kind-all = جميع المستخدمين
web-broadcasts-segment-kind-role = مستخدمو دور معيّن
web-broadcasts-segment-kind-city = مستخدمو مدينة معيّنة
web-broadcasts-segment-all = جميع المستخدمين
web-broadcasts-segment-role = الدور
web-broadcasts-segment-city = المدينة
web-broadcasts-city-placeholder = مثال: الرياض
web-broadcasts-channels = القنوات
web-broadcasts-channel = القناة
web-broadcasts-channel-push = إشعار فوري
web-broadcasts-channel-sms = رسالة نصية
web-broadcasts-channel-email = البريد الإلكتروني
web-broadcasts-channel-in_app = صندوق الإشعارات في التطبيق
web-broadcasts-send = إرسال الإشعار
web-broadcasts-history = الإشعارات المرسلة
web-broadcasts-count = { $count ->
    [zero] لا توجد إشعارات جماعية
    [one] إشعار جماعي واحد
    [two] إشعاران جماعيان
    [few] { $count } إشعارات جماعية
    [many] { $count } إشعارًا جماعيًا
   *[other] { $count } إشعار جماعي
}
web-broadcasts-none = لم يُرسل أي إشعار جماعي بعد.
web-broadcasts-created = تاريخ الإنشاء
web-broadcasts-by = بواسطة
web-broadcasts-message = العنوان
web-broadcasts-recipients = المستلمون
web-broadcasts-progress = التقدم
web-broadcasts-in-progress = جارٍ الإرسال
web-broadcasts-planned = تم تجهيز جميع المستلمين
web-broadcasts-batches = { $count ->
    [zero] لا دفعات بعد
    [one] دفعة واحدة
    [two] دفعتان
    [few] { $count } دفعات
    [many] { $count } دفعة
   *[other] { $count } دفعة
}
web-broadcasts-done-created = أُضيف الإشعار إلى قائمة الانتظار، وستظهر عمليات التسليم هنا أولًا بأول.
web-broadcasts-deliveries = عمليات التسليم
web-broadcasts-deliveries-count = { $count ->
    [zero] لا توجد عمليات تسليم
    [one] عملية تسليم واحدة
    [two] عمليتا تسليم
    [few] { $count } عمليات تسليم
    [many] { $count } عملية تسليم
   *[other] { $count } عملية تسليم
}
web-broadcasts-no-deliveries = لا توجد عمليات تسليم هنا بعد.
web-broadcasts-recipient = المستلم
web-broadcasts-error = الخطأ
web-broadcasts-updated = آخر تحديث

## حالات التسليم
web-broadcasts-status-pending = بانتظار الإرسال
web-broadcasts-status-sent = تم الإرسال
web-broadcasts-status-failed = فشل
web-broadcasts-status-skipped = تم التخطي

## قائمة المهام
web-jobs-title = قائمة المهام
web-jobs-help = المهام التي فشلت محاولتها الأخيرة تبقى هنا كمهام متعثرة. إعادة المحاولة تعيد المهمة إلى قائمة الانتظار لتُنفَّذ الآن، مع تصفير عدد محاولاتها.
web-jobs-filter-dead = المهام المتعثرة
web-jobs-filter-queued = في الانتظار
web-jobs-filter-running = قيد التنفيذ
web-jobs-filter-done = مكتملة
web-jobs-filter-all = جميع المهام
web-jobs-state-dead = متعثرة
web-jobs-state-queued = في الانتظار
web-jobs-state-running = قيد التنفيذ
web-jobs-state-done = مكتملة
web-jobs-kind = النوع
web-jobs-kind-notify-deliver = تسليم إشعار
web-jobs-kind-broadcast-batch = دفعة إشعار جماعي
web-jobs-kind-request-expire = انتهاء طلب قطعة
web-jobs-kind-offer-expire = انتهاء عرض
web-jobs-kind-merchant-email = بريد طلب المورّد
web-jobs-kind-booking-remind = تذكير الحجز
web-jobs-payload = البيانات
web-jobs-attempts = المحاولات
web-jobs-attempts-of = { $attempts } من { $max }
web-jobs-last-error = آخر خطأ
web-jobs-created = تاريخ الإنشاء
web-jobs-run-at = موعد التنفيذ
web-jobs-finished = انتهت في
web-jobs-retry = إعادة المحاولة
web-jobs-retried = أُعيدت المهمة إلى قائمة الانتظار.
web-jobs-none = لا توجد مهام هنا.
web-jobs-count = { $count ->
    [zero] لا توجد مهام
    [one] مهمة واحدة
    [two] مهمتان
    [few] { $count } مهام
    [many] { $count } مهمة
   *[other] { $count } مهمة
}
