# صفحات الإدارة للمناديب ومهام الإصلاح (التشليح).

arp-reps-title = المناديب
arp-reps-subtitle = مناديب الإصلاح عند الطلب، الأكثر إنجازًا أولًا.
arp-reps-all = كل المناديب
arp-reps-empty-title = لا يوجد مناديب بعد
arp-reps-empty-text = يظهر المناديب هنا بعد تسجيلهم في تطبيق المندوب واعتمادهم.
arp-first-page = العودة إلى الصفحة الأولى
arp-page = الصفحة { $page }
arp-top-title = أفضل المناديب حسب المهام المنجزة
arp-completed-jobs = مهام منجزة
arp-acceptance = نسبة القبول
arp-unnamed = بلا اسم بعد
arp-online = متصل
arp-offline = غير متصل
arp-offers = العروض
arp-accepted = المقبولة

arp-col-name = الاسم
arp-col-phone = الجوال
arp-col-presence = الاتصال
arp-col-jobs = المهام
arp-col-completed = المنجزة
arp-col-acceptance = نسبة القبول
arp-col-owed = المستحق له الآن
arp-col-number = المهمة
arp-col-problem = المشكلة
arp-col-customer = العميل
arp-col-rep = المندوب
arp-col-total = الإجمالي
arp-col-method = الدفع
arp-col-created = أُنشئت
arp-col-when = الوقت
arp-col-entry = القيد
arp-col-amount = المبلغ

arp-jobs-note = كل المهام التي تولاها المندوب.
arp-completed-note = المنجزة أو المدفوعة.
arp-owed-note = ما تدين به المنصة للمندوب الآن بعد خصم الدفعات.

arp-rep-all-jobs = كل مهامه
arp-rep-user-page = صفحة المستخدم
arp-rep-jobs = أحدث المهام
arp-rep-jobs-empty-title = لا توجد مهام بعد
arp-rep-jobs-empty-text = تظهر المهام هنا حين يقبل عميل أحد عروض هذا المندوب.
arp-rep-facts = البيانات
arp-rep-account = الحساب
arp-rep-account-help = يُعلَّق حساب المندوب أو يُعاد تفعيله من صفحة المستخدم الخاصة به، ويُحفظ السبب هناك.
arp-rep-account-open = تعليق الحساب أو إعادة تفعيله

arp-earnings-title = الأرباح في آخر 30 يومًا
arp-earnings-net = صافي الأرباح
arp-earnings-jobs = المهام المدفوعة
arp-earnings-gross = ما دفعه العملاء
arp-earnings-balance = المستحق له الآن
arp-earnings-lines = قيود الأرباح
arp-earnings-more = تظهر أحدث 50 قيدًا.
arp-earnings-empty-title = لا شيء في هذه الأيام الثلاثين
arp-earnings-empty-text = تظهر هنا قيود المهام المدفوعة والنقد المحتفظ به والدفعات.

arp-line-target_settled = مهمة مدفوعة
arp-line-cash_retained = نقد احتفظ به المندوب
arp-line-rep_payout = دفعة
arp-line-settlement_reversed = إلغاء تسوية
arp-line-refund = استرداد
arp-line-other = قيد آخر

arp-payout-title = دفعة للمندوب
arp-payout-help = سجّل تحويلًا بنكيًا أُرسل إلى المندوب. لا يتجاوز المبلغ ما تدين به المنصة له.
arp-payout-hidden = يتطلب تسجيل الدفعات صلاحية المالية.
arp-payout-nothing = لا تدين المنصة لهذا المندوب بشيء الآن.
arp-payout-amount = المبلغ (ر.س)
arp-payout-reference = مرجع التحويل
arp-payout-reference-hint = مرجع التحويل لدى البنك، ويُحفظ مع الدفعة.
arp-payout-submit = سجّل الدفعة
arp-payout-confirm = هل تسجّل هذه الدفعة للمندوب؟ ستنقص ما تدين به المنصة له.
arp-payout-exceeds = هذا أكثر مما تدين به المنصة لهذا المندوب.
arp-toast-paid = تم تسجيل دفعة بمبلغ { $amount }.

arp-jobs-title = مهام الإصلاح
arp-jobs-subtitle = كل مهام الإصلاح من القبول حتى الدفع، مع النزاعات والإلغاءات.
arp-jobs-count = { $count ->
    [zero] لا توجد مهام
    [one] مهمة واحدة
    [two] مهمتان
    [few] { $count } مهام
    [many] { $count } مهمة
   *[other] { $count } مهمة
}
arp-jobs-capped = تظهر أحدث 100 مهمة
arp-jobs-empty-title = لا توجد مهام هنا
arp-jobs-empty-disputed-title = لا توجد نزاعات
arp-jobs-empty-text = تبدأ المهمة حين يقبل العميل عرض أحد المناديب.
arp-filter-rep = المندوب

arp-tab-accepted = مقبولة
arp-tab-on_the_way = في الطريق
arp-tab-arrived = وصل
arp-tab-working = قيد العمل
arp-tab-completed = منجزة
arp-tab-paid = مدفوعة
arp-tab-cancelled = ملغاة
arp-tab-disputed = النزاعات

arp-status-accepted = مقبولة
arp-status-on_the_way = في الطريق
arp-status-arrived = وصل المندوب
arp-status-working = قيد العمل
arp-status-completed = منجزة
arp-status-paid = مدفوعة
arp-status-cancelled = ملغاة
arp-status-disputed = عليها نزاع

arp-problem-battery = بطارية
arp-problem-tyre = إطار
arp-problem-towing = سحب السيارة
arp-problem-mechanic = عطل ميكانيكي
arp-problem-electrical = عطل كهربائي
arp-problem-fuel = نفاد الوقود
arp-problem-lockout = مفاتيح داخل السيارة
arp-problem-other = مشكلة أخرى

arp-method-card = بطاقة
arp-method-wallet = المحفظة
arp-method-cash = نقدًا
arp-method-none = لم يُختر بعد

arp-actor-rep = المندوب
arp-actor-customer = العميل
arp-actor-admin = المشرف
arp-actor-system = النظام

arp-job = مهمة إصلاح
arp-open-rep = المندوب
arp-open-customer = العميل
arp-reason = السبب
arp-reason-disputed = نزاع العميل
arp-reason-cancelled = سبب الإلغاء
arp-job-facts = البيانات
arp-eta = الوقت المتوقع للوصول
arp-minutes = { $count ->
    [zero] { $count } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
arp-pin = موقع العميل
arp-dropped = المواقع المُسقطة
arp-payment-title = الدفع
arp-paid = مدفوعة
arp-subtotal = السعر
arp-vat = ضريبة القيمة المضافة
arp-commission = عمولة المنصة
arp-paid-at = وقت الدفع

arp-track-title = المسار
arp-track-map-label = خريطة مسار المندوب إلى العميل
arp-track-points = { $count ->
    [zero] لا توجد مواقع
    [one] موقع واحد
    [two] موقعان
    [few] { $count } مواقع
    [many] { $count } موقعًا
   *[other] { $count } موقع
}
arp-track-start = البداية
arp-track-end = آخر موقع
arp-track-pin = العميل
arp-track-empty = لم يشارك المندوب أي موقع لهذه المهمة، وتعرض الخريطة موقع العميل.
arp-track-from = من
arp-track-to = إلى
arp-track-distance = المسافة
arp-km = { $km } كم

arp-history-title = سجل الحالات
arp-history-empty = لم تُسجَّل أي خطوة بعد.

arp-col-rating = التقييم
arp-ratings = { $count ->
    [0] لا تقييمات بعد
    [zero] لا تقييمات بعد
    [one] تقييم واحد
    [two] تقييمان
    [few] { $count } تقييمات
    [many] { $count } تقييمًا
   *[other] { $count } تقييم
}
arp-reviews-title = تقييمات العملاء
arp-reviews-all = كل تقييمات المندوبين
arp-reviews-empty = لم يقيّم أي عميل هذا المندوب بعد.
arp-review-job = العمل
