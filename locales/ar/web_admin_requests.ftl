## صفحات الإدارة: طلبات القطع وعروضها وسجلها ومفاوضاتها

adm-requests-title = طلبات القطع
adm-req-subtitle = ما طلبه العملاء من المتاجر القريبة منهم، والعروض التي وصلتهم.
adm-req-count = { $count ->
    [zero] لا توجد طلبات
    [one] طلب واحد
    [two] طلبان
    [few] { $count } طلبات
    [many] { $count } طلبًا
   *[other] { $count } طلب
}
adm-req-search = رقم الطلب أو كلمات من الوصف
adm-req-empty-title = لا توجد طلبات هنا
adm-req-empty-text = لا يوجد طلب يطابق هذا البحث أو هذه الحالة. يرسل العملاء الطلبات من التطبيق حين لا يجدون القطعة.
adm-req-number = الطلب
adm-req-request = طلب القطعة
adm-req-vehicle = السيارة
adm-req-vin = رقم الهيكل
adm-req-part = القطعة
adm-req-place = الموقع
adm-req-stores = المتاجر التي وصلها
adm-req-offers = العروض
adm-req-facts = ما طلبه العميل
adm-req-description = الوصف
adm-req-condition = الحالة المطلوبة
adm-req-notes = ملاحظات
adm-req-radius = نطاق البحث
adm-req-km = { $km } كم
adm-req-expires = مفتوح حتى
adm-req-photos = الصور
adm-req-photo = صورة القطعة
adm-req-order = الطلب الناتج
adm-req-open-order = فتح الطلب الناتج
adm-req-open-customer = صفحة العميل

adm-req-status-open = مفتوح
adm-req-status-accepted = مقبول
adm-req-status-cancelled = ملغى
adm-req-status-expired = منتهٍ
adm-req-status-closed = مغلق
adm-req-status-help-open = يمكن للمتاجر ضمن النطاق إرسال العروض وتعديلها حتى ينتهي الطلب أو يقبل العميل أحدها.
adm-req-status-help-accepted = قبل العميل عرضًا فصار طلبًا من ذلك المتجر.
adm-req-status-help-cancelled = ألغى العميل الطلب؛ لم تعد عروضه قائمة.
adm-req-status-help-expired = انتهى الطلب دون قبول أي عرض.
adm-req-status-help-closed = أغلقت الإدارة الطلب؛ لم تعد عروضه قائمة.

adm-req-condition-new = جديدة
adm-req-condition-used = مستعملة
adm-req-condition-any = جديدة أو مستعملة
adm-req-origin-oem = أصلية (وكالة)
adm-req-origin-aftermarket = تجارية
adm-req-origin-used = مستعملة
adm-req-fulfilment-delivery = توصيل
adm-req-fulfilment-pickup = استلام من المتجر

adm-req-offers-count = { $count ->
    [zero] لا توجد عروض
    [one] عرض واحد
    [two] عرضان
    [few] { $count } عروض
    [many] { $count } عرضًا
   *[other] { $count } عرض
}
adm-req-offers-empty-title = لا عروض بعد
adm-req-offers-empty-text = لم يقدّم أي متجر عرضًا على هذا الطلب. تبقى العروض المسحوبة والمنتهية ظاهرة هنا أيضًا.
adm-req-offer-part = القطعة المعروضة
adm-req-warranty = الضمان
adm-req-warranty-days = { $count ->
    [zero] بلا ضمان
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
adm-req-availability = التوفر
adm-req-in-stock = متوفرة
adm-req-days-to-obtain = { $count ->
    [one] خلال يوم واحد
    [two] خلال يومين
    [few] خلال { $count } أيام
    [many] خلال { $count } يومًا
   *[other] خلال { $count } يوم
}
adm-req-fulfilment = التسليم
adm-req-revision = النسخة
adm-req-offer-until = قائم حتى
adm-req-offer-status-active = قائم
adm-req-offer-status-withdrawn = مسحوب
adm-req-offer-status-accepted = مقبول
adm-req-offer-status-lost = لم يُختر
adm-req-offer-status-expired = منتهٍ

adm-req-negotiations = المفاوضات
adm-req-read-only = للاطلاع فقط
adm-req-negotiations-empty = لم يراسل أي متجر العميل بشأن هذا الطلب.
adm-req-thread-empty = لا رسائل في هذه المحادثة.

adm-req-close = إغلاق الطلب
adm-req-close-ask = لماذا يُغلق؟ يرى العميل هذا السبب، ولا تبقى العروض قائمة.
adm-req-toast-closed = أُغلق الطلب { $number } وأُبلغت متاجره
