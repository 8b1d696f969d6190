rq-title = طلبات القطع
rq-hint = اطلب من المتاجر القريبة قطعة لم تجدها
rq-lead = لم تجد القطعة؟ صِفها مرة واحدة وسترسل متاجر القطع القريبة منك عروضها. قارن واختر الأفضل.
rq-new = اطلب قطعة
rq-none-title = لا طلبات بعد
rq-none-text = اطلب قطعة وسترد عليك المتاجر القريبة بأسعارها.
rq-request = الطلب
rq-status-open = بانتظار العروض
rq-status-accepted = مقبول
rq-status-cancelled = ملغى
rq-status-expired = منتهٍ
rq-status-closed = مغلق
rq-offers-count = { $count ->
    [0] لا عروض بعد
    [one] عرض واحد
    [two] عرضان
    [few] { $count } عروض
   *[other] { $count } عرضًا
}
rq-stores-count = { $count ->
    [0] لا يغطيه متجر بعد
    [one] أُرسل إلى متجر واحد
    [two] أُرسل إلى متجرين
    [few] أُرسل إلى { $count } متاجر
   *[other] أُرسل إلى { $count } متجرًا
}
rq-expires = مفتوح حتى
rq-vehicle = السيارة
rq-car = من مرآبي
rq-car-other = سيارة أخرى (اخترها أدناه)
rq-car-hint = أو اختر الطراز وسنة الصنع أدناه.
rq-model = الماركة والطراز
rq-year = سنة الصنع
rq-vin = رقم الهيكل (اختياري)
rq-vin-hint = ١٧ خانة، تجده في الاستمارة. يساعد المتاجر على إيجاد القطعة بالضبط.
rq-part = القطعة
rq-category = الفئة
rq-description = ما القطعة التي تحتاجها؟
rq-description-hint = مثال: شمعة أمامية يسار، أصلية
rq-quantity = الكمية
rq-condition = الحالة
rq-photos = الصور (حتى ٥)
rq-photos-hint = صورة القطعة القديمة أو رقمها تساعد.
rq-notes = ملاحظات
rq-where = الموقع
rq-address = التوصيل إلى
rq-address-pin = موقع على الخريطة
rq-pin-hint = ضع الدبوس حيث تريد القطعة؛ لا ترى المتاجر إلا الحي والمسافة.
rq-pin = الموقع على الخريطة
rq-radius = اسأل المتاجر ضمن (كم)
rq-hours = أبقِه مفتوحًا (ساعات)
rq-send = أرسل إلى المتاجر
rq-request-sent = أُرسل طلبك إلى المتاجر القريبة منك.
rq-offers = العروض
rq-offers-none-title = لا عروض بعد
rq-offers-none-text = أُبلغت المتاجر فورًا؛ ستظهر العروض هنا حال وصولها.
rq-sort = ترتيب العروض
rq-sort-price = السعر
rq-sort-distance = المسافة
rq-sort-rating = التقييم
rq-sort-warranty = الضمان
rq-sort-delivery = مدة التوفير
rq-best-price = أفضل سعر
rq-unit-price = سعر القطعة
rq-warranty-days = { $count ->
    [0] بلا ضمان
    [one] ضمان يوم واحد
    [two] ضمان يومين
    [few] ضمان { $count } أيام
   *[other] ضمان { $count } يومًا
}
rq-days-to-obtain = { $count ->
    [one] جاهزة خلال يوم
    [two] جاهزة خلال يومين
    [few] جاهزة خلال { $count } أيام
   *[other] جاهزة خلال { $count } يومًا
}
rq-accept = اقبل هذا العرض
rq-accepted = قُبل العرض وأُنشئ طلبك.
rq-open-order = فتح الطلب
rq-cancel = إلغاء الطلب
rq-cancel-confirm = هل تلغي هذا الطلب؟ لن تتمكن المتاجر من تقديم عروض بعد ذلك.
rq-cancelled = أُلغي الطلب.
rq-offer-until = قائم حتى
rq-vat = الضريبة
rq-incl-vat = شامل الضريبة
rq-chat = محادثة المتجر
rq-chat-intro = اسأل المتجر عن القطعة: صورة أو رقمها الدقيق أو التوصيل. يرى المتجر اسمك، ولا يرى رقم جوالك ولا شارعك.
rq-ask-cta = لم تجدها؟ اسأل المتاجر القريبة منك
rq-ask-cta-hint = صِف القطعة مرة واحدة، وتردّ عليك متاجر القطع القريبة بأسعارها.
