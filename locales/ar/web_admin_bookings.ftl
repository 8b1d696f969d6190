## صفحات الإدارة: حجوزات الخدمات وسجلها والخطوات التي تفرضها الإدارة مع ذكر السبب

abk-title = الحجوزات
abk-subtitle = حجوزات الخدمات في كل المتاجر: غسيل السيارات وتغيير الزيت ومواعيد الورش.
abk-count = { $count ->
    [zero] لا توجد حجوزات
    [one] حجز واحد
    [two] حجزان
    [few] { $count } حجوزات
    [many] { $count } حجزًا
   *[other] { $count } حجز
}
abk-from = من تاريخ
abk-to = إلى تاريخ
abk-store-filter = المتجر:
abk-store-clear = عرض كل المتاجر
abk-store-only = حجوزات هذا المتجر فقط
abk-empty-title = لا توجد حجوزات هنا
abk-empty-text = يحجز العملاء الخدمات من التطبيق لدى المتاجر التي تقدّمها، وتظهر حجوزاتهم هنا.
abk-empty-filtered = لا يوجد حجز يطابق هذه الحالة أو الفترة أو المتجر.

abk-number = الحجز
abk-booking = الحجز
abk-when = الموعد
abk-services = الخدمات
abk-service = الخدمة
abk-addon = إضافة
abk-duration = المدة
abk-price = السعر
abk-payment = الدفع
abk-facts = تفاصيل الحجز
abk-body-type = نوع الهيكل
abk-bay = رقم المكان
abk-cancel-until = يمكن للعميل الإلغاء حتى
abk-notes = ملاحظات العميل
abk-notes-empty = لم يترك العميل أي ملاحظات.
abk-open-customer = صفحة العميل
abk-store-bookings = حجوزات هذا المتجر
abk-addons-count = { $count ->
    [zero] بلا إضافات
    [one] إضافة واحدة
    [two] إضافتان
    [few] { $count } إضافات
    [many] { $count } إضافة
   *[other] { $count } إضافة
}
abk-minutes = { $count ->
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}

abk-status-pending = بانتظار التأكيد
abk-status-confirmed = مؤكَّد
abk-status-in_progress = قيد التنفيذ
abk-status-completed = مكتمل
abk-status-rejected = مرفوض
abk-status-cancelled = ملغى
abk-status-no_show = لم يحضر
abk-status-expired = منتهي الصلاحية
abk-status-help-pending = ينتظر تأكيد المتجر، ويجب دفع الحجز بالبطاقة قبل تأكيده.
abk-status-help-confirmed = أكّد المتجر الحجز، وسيُذكَّر العميل قبل الموعد.
abk-status-help-in_progress = بدأ المتجر تقديم الخدمة.
abk-status-help-completed = قُدِّمت الخدمة وسُوِّي مستحق المتجر.
abk-status-help-rejected = رفض المتجر أو الإدارة الحجز، وأُعيد المبلغ كاملًا إن كان مدفوعًا.
abk-status-help-cancelled = ألغى العميل أو الإدارة الحجز، وأُعيد المبلغ كاملًا إن كان مدفوعًا.
abk-status-help-no_show = لم يحضر العميل، فلم يُرَدّ شيء وسُوِّي مستحق المتجر كأنه قدّم الخدمة.
abk-status-help-expired = حجز بالبطاقة لم يُدفع في المهلة، فأُتيح موعده لغيره.

abk-method-card = البطاقة
abk-method-wallet = المحفظة
abk-method-cash = نقدًا في المتجر
abk-payment-paid = مدفوع
abk-payment-at_store = يُدفع في المتجر
abk-payment-unpaid = غير مدفوع

abk-actor-customer = العميل
abk-actor-store = المتجر
abk-actor-admin = الإدارة
abk-actor-system = النظام

abk-force-title = فرض خطوة
abk-force-help = تصرّف نيابةً عن المتجر حين يتعذّر عليه ذلك. كل خطوة تفرضها تحتاج إلى سبب وتُسجَّل في سجل التدقيق.
abk-force-none = انتهى هذا الحجز، فلا خطوات أخرى يمكن اتخاذها.
abk-step = الخطوة
abk-step-confirmed = تأكيد
abk-step-in_progress = بدء الخدمة
abk-step-completed = إتمام
abk-step-rejected = رفض
abk-step-cancelled = إلغاء الحجز
abk-step-no_show = تسجيل عدم الحضور
abk-step-title-confirmed = تأكيد الحجز
abk-step-title-in_progress = بدء الخدمة
abk-step-title-completed = إتمام الحجز
abk-step-title-rejected = رفض الحجز
abk-step-title-cancelled = إلغاء الحجز
abk-step-title-no_show = تسجيل عدم حضور العميل
abk-effect-confirmed = يُبلَّغ العميل بتأكيد الحجز، ويُذكَّر قبل الموعد.
abk-effect-in_progress = يظهر الحجز قيد التنفيذ للعميل وللمتجر.
abk-effect-completed = يُسوّى مستحق المتجر عن الحجز، ويُسجَّل الحجز النقدي مدفوعًا في المتجر.
abk-effect-rejected = يُعاد مبلغ الحجز المدفوع كاملًا، ويُبلَّغ العميل بالسبب.
abk-effect-cancelled = يُعاد مبلغ الحجز المدفوع كاملًا، ويُبلَّغ العميل بالسبب.
abk-effect-no_show = لا يُرَدّ أي مبلغ، ويُسوّى مستحق المتجر كأنه قدّم الخدمة. لا يمكن ذلك إلا بعد حلول الموعد.
abk-step-unavailable = صار هذا الحجز «{ $status }»، فلم يعد من الممكن اتخاذ هذه الخطوة. أعد تحميل الصفحة لترى ما يمكن فعله.
abk-reason-hint = يُحفظ في سجل الحجز وسجل التدقيق، ويُبلَّغ به العميل عند رفض الحجز أو إلغائه.
abk-toast-step = صار الحجز { $number }: { $status }.
