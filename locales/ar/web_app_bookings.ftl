## تطبيق العميل: المغاسل القريبة، وحجز موعد غسيل، وحجوزاتي.

ab-washes-nav = غسيل السيارات
ab-washes-hint = احجز موعدًا في مغسلة قريبة منك
ab-washes-title = مغاسل قريبة منك
ab-washes-from-address = الأقرب إلى عنوانك:
ab-washes-from-riyadh = الأقرب إلى وسط الرياض.
ab-washes-add-address = أضف عنوانك لترى المغاسل القريبة منك
ab-washes-none-title = لا توجد مغاسل قريبة بعد
ab-washes-none-text = لا تستقبل أي مغسلة حجوزات قرب هذا العنوان حتى الآن. عُد لاحقًا أو اختر عنوانًا آخر.
ab-washes-none-action = عناويني
ab-km = كم
ab-no-ratings = لا تقييمات بعد
ab-book-here = احجز موعدًا

ab-menu-empty-title = لا خدمات للحجز بعد
ab-menu-empty-text = لم تنشر هذه المغسلة خدماتها بعد.
ab-other-washes = مغاسل أخرى
ab-services = الخدمات
ab-services-hint = اختر خدمة أو أكثر، مع ما تريده من إضافات.
ab-minutes = { $count ->
    [zero] { $count } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
   *[other] { $count } دقيقة
}
ab-from = يبدأ من
ab-addons = الإضافات
ab-prices-incl-vat = الأسعار شاملة ضريبة القيمة المضافة، وتختلف حسب نوع هيكل السيارة.
ab-vehicle = سيارتك
ab-car = من مرآبي
ab-car-other = سيارة أخرى (اختر نوع هيكلها)
ab-body = نوع الهيكل
ab-body-choose = اختر نوع الهيكل
ab-body-from-car = حسب سيارتي
ab-body-hint = تختلف الأسعار حسب حجم السيارة.
ab-add-car = أضف سيارتك إلى المرآب
ab-body-hint-cars = اختر نوع الهيكل فقط لسيارة ليست في مرآبك.
ab-when = الموعد
ab-days = الأيام
ab-today = اليوم
ab-tomorrow = غدًا
ab-times = الأوقات المتاحة
ab-pick-service = اختر خدمة لترى الأوقات المتاحة.
ab-no-times = لا أوقات متاحة في هذا اليوم. جرّب يومًا آخر.
ab-pick-time = اختر أحد الأوقات المتاحة.
ab-time-chosen = موعدك:
ab-price = السعر
ab-price-needs-service = اختر خدمة لترى سعرها.
ab-price-needs-body = اختر سيارتك أو نوع هيكلها لترى السعر.
ab-priced-for = السعر محسوب لـ:
ab-no-price = لا تقدّمها المغسلة لهذا النوع من الهياكل:
ab-duration = { $count ->
    [zero] تستغرق نحو { $count } دقيقة
    [one] تستغرق نحو دقيقة واحدة
    [two] تستغرق نحو دقيقتين
    [few] تستغرق نحو { $count } دقائق
   *[other] تستغرق نحو { $count } دقيقة
}
ab-notes = ملاحظات للمغسلة (اختياري)
ab-notes-hint = مثال: أرجو العناية بالمقاعد الجلدية
ab-payment = الدفع
ab-method-card = بطاقة (مدى، فيزا، ماستركارد)
ab-method-wallet = المحفظة
ab-method-cash = الدفع في المغسلة
ab-balance = الرصيد
ab-book = احجز
ab-book-hint = يمكنك إلغاء الحجز من التطبيق حتى المهلة التي تحددها المغسلة، وتجدها في صفحة الحجز.
ab-services-required = اختر خدمة واحدة على الأقل.
ab-time-required = اختر أحد الأوقات المتاحة.
ab-method-required = اختر طريقة الدفع.
ab-booked = تم الحجز، وستؤكد المغسلة موعدك.
ab-booked-wallet = تم الحجز والدفع من محفظتك.
ab-booked-cash = تم الحجز، والدفع في المغسلة.

ab-weekday-1 = الإثنين
ab-weekday-2 = الثلاثاء
ab-weekday-3 = الأربعاء
ab-weekday-4 = الخميس
ab-weekday-5 = الجمعة
ab-weekday-6 = السبت
ab-weekday-7 = الأحد

ab-status-pending = بانتظار التأكيد
ab-status-confirmed = مؤكَّد
ab-status-in_progress = قيد التنفيذ
ab-status-completed = مكتمل
ab-status-rejected = رفضته المغسلة
ab-status-cancelled = ملغى
ab-status-no_show = لم تحضر
ab-status-expired = انتهت مهلة الدفع

ab-bookings-title = حجوزاتي
ab-bookings-hint = مواعيدك في مغاسل السيارات
ab-book-wash = احجز غسيلًا
ab-bookings-none-title = لا حجوزات بعد
ab-bookings-none-text = احجز موعدًا في مغسلة قريبة منك وسيظهر هنا.
ab-find-wash = ابحث عن مغسلة
ab-upcoming = القادمة
ab-upcoming-none = لا مواعيد قادمة.
ab-past = السابقة
ab-past-none = لا حجوزات سابقة.

ab-booking = الحجز
ab-store = المغسلة
ab-appointment = الموعد
ab-riyadh-time = بتوقيت الرياض
ab-your-notes = ملاحظاتك
ab-reason = السبب
ab-paid = مدفوع
ab-not-paid = غير مدفوع
ab-awaiting-card = بانتظار الدفع بالبطاقة
ab-pay-at-store = يُدفع في المغسلة
ab-pay-title = أكمل الدفع
ab-pay-hint = موعدك محجوز ما دامت مهلة الدفع مفتوحة، ويُلغى الحجز إن لم يُدفع.
ab-pay = ادفع بالبطاقة
ab-refund-note = يُعاد المبلغ المدفوع بالطريقة نفسها التي دُفع بها.
ab-cancel-until = يمكنك الإلغاء حتى
ab-cancel = إلغاء الحجز
ab-cancel-title = إلغاء هذا الحجز؟
ab-cancel-question = سيُتاح الموعد لعملاء آخرين.
ab-cancel-refund = سيُعاد إليك ما دفعته كاملًا بالطريقة التي دفعت بها.
ab-cancel-reason = السبب (اختياري)
ab-cancel-keep = الإبقاء على الحجز
ab-cancel-confirm = ألغِ الحجز
ab-cancelled = أُلغي الحجز.
ab-book-again = احجز مرة أخرى في هذه المغسلة
