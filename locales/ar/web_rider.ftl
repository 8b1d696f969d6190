# The rider app (/rider): representatives' mobile surface for on-demand repairs.
rd-app-name = قطع للمندوبين
rd-app-short = قطع المندوب
rd-tag = المندوب
rd-signin-title = دخول المندوبين
rd-signin-refused = هذا التطبيق لمندوبي الإصلاح فقط. للعملاء تطبيقهم، وللشركاء والمشرفين لوحاتهم الخاصة.
rd-nav-label = أقسام تطبيق المندوب
rd-nav-home = الرئيسية
rd-nav-jobs = مهامي
rd-nav-earnings = الأرباح
rd-nav-profile = حسابي

# Home: presence and requests nearby.
rd-home-title = الطلبات القريبة
rd-presence-label = حالة الاتصال
rd-online = متصل
rd-offline = غير متصل
rd-online-hint = تصلك الآن طلبات الإصلاح القريبة منك.
rd-offline-hint = اتصل لتصلك طلبات الإصلاح القريبة منك.
rd-online-switch = استقبال الطلبات
rd-position-sent = آخر تحديث لموقعك:
rd-relocate = حدّث موقعي
rd-locating = جارٍ تحديد موقعك…
rd-location-needed = لا يمكن الاتصال دون معرفة موقعك. اسمح للمتصفح بالوصول إلى موقعك ثم حاول مجددًا.
rd-location-denied = رُفض الوصول إلى موقعك. فعّل إذن الموقع لهذا الموقع من إعدادات المتصفح ثم حاول مجددًا.
rd-location-unavailable = تعذّر تحديد موقعك الآن. تأكد من تشغيل خدمة الموقع في جهازك ثم حاول مجددًا.
rd-location-unsupported = هذا المتصفح لا يدعم تحديد الموقع.
rd-online-done = أنت متصل الآن، وستصلك الطلبات القريبة منك.
rd-offline-done = أنت غير متصل، ولن تصلك طلبات جديدة.
rd-nearby-title = طلبات قريبة منك
rd-offline-title = أنت غير متصل
rd-offline-text = اتصل لترى طلبات الإصلاح القريبة منك وتقدّم عروضك عليها.
rd-go-online = اتصل الآن
rd-nearby-none-title = لا طلبات قريبة الآن
rd-nearby-none-text = ستظهر هنا طلبات الإصلاح الجديدة في نطاقك فور وصولها.
rd-km = كم
rd-scheduled = بموعد لاحق
rd-now = الآن

# A request and the offer.
rd-request-label = تفاصيل الطلب
rd-request-number = رقم الطلب
rd-distance = المسافة
rd-wanted-at = الموعد المطلوب
rd-asked-at = وقت الطلب
rd-address = العنوان
rd-car = السيارة
rd-description = وصف المشكلة
rd-open-until = يقبل العروض حتى
rd-open-map = افتح الموقع على الخريطة
rd-offer-title = قدّم عرضك
rd-offer-lead = يرى العميل سعرك ووقت وصولك ويقارنهما بعروض المندوبين الآخرين. يمكنك تعديل عرضك ما دام الطلب مفتوحًا.
rd-offer-price = السعر بالريال قبل الضريبة
rd-offer-price-hint = مثل 150 أو 150.50، وتُضاف ضريبة القيمة المضافة عند الدفع.
rd-offer-eta = الوصول خلال (بالدقائق)
rd-offer-eta-hint = كم دقيقة تحتاج لتصل إلى العميل؟
rd-offer-note = ملاحظة للعميل (اختيارية)
rd-offer-note-hint = مثل: معي بطارية أصلية بضمان سنة
rd-offer-submit = أرسل العرض
rd-offer-sent = أُرسل عرضك إلى العميل.
rd-price-invalid = اكتب السعر بالريال، مثل 150 أو 150.50.
rd-eta-invalid = اكتب عدد الدقائق رقمًا صحيحًا.

# Jobs.
rd-jobs-title = مهامي
rd-jobs-active = قيد التنفيذ
rd-jobs-past = السابقة
rd-jobs-none-title = لا مهام بعد
rd-jobs-none-text = حين يقبل عميلٌ عرضك تظهر المهمة هنا.
rd-jobs-none-action = تصفّح الطلبات القريبة
rd-status-accepted = مقبولة
rd-status-on_the_way = في الطريق
rd-status-arrived = وصل المندوب
rd-status-working = جارٍ العمل
rd-status-completed = مكتملة
rd-status-paid = مدفوعة
rd-status-cancelled = ملغاة
rd-status-disputed = عليها اعتراض
rd-status-other = حالة أخرى
rd-step-on_the_way = انطلقت إلى العميل
rd-step-arrived = وصلت إلى الموقع
rd-step-working = بدأت العمل
rd-step-completed = أنهيت العمل
rd-step-paid = استلمت المبلغ نقدًا
rd-step-cancelled = ألغِ المهمة
rd-done-on_the_way = أنت في الطريق، ويتابع العميل موقعك الآن.
rd-done-arrived = سُجّل وصولك إلى الموقع.
rd-done-working = سُجّل بدء العمل.
rd-done-completed = اكتملت المهمة، بانتظار الدفع.
rd-done-paid = سُجّل استلام المبلغ نقدًا.
rd-done-cancelled = أُلغيت المهمة.
rd-done-other = حُدّثت المهمة.
rd-cancel-reason = لماذا تلغي المهمة؟ سيرى العميل السبب.
rd-cash-confirm = هل استلمت { $amount } نقدًا من العميل؟
rd-cancelled-because = سبب الإلغاء:
rd-share-title = مشاركة موقعك مع العميل
rd-share-starting = جارٍ تحديد موقعك…
rd-share-sharing = تتم مشاركة موقعك مع العميل
rd-share-waiting = بانتظار إشارة الموقع…
rd-share-failed = تعذّر إرسال موقعك، وسنعيد المحاولة.
rd-share-stopped = توقفت مشاركة الموقع لأن المهمة لم تعد في الطريق.
rd-share-count = المواقع المرسلة
rd-share-eta = الوصول المتوقع (بالدقائق)
rd-share-hint = أبقِ هذه الصفحة مفتوحة حتى تصل، فالعميل يتابع موقعك على الخريطة.
rd-customer = العميل
rd-customer-unnamed = عميل بلا اسم
rd-destination = الوجهة
rd-eta-offered = وقت الوصول في عرضك
rd-minutes = { $count ->
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
   *[other] { $count } دقيقة
}
rd-subtotal = السعر قبل الضريبة
rd-vat = ضريبة القيمة المضافة
rd-total = الإجمالي
rd-payment = طريقة الدفع
rd-method-cash = نقدًا
rd-method-card = بطاقة
rd-method-wallet = المحفظة
rd-accepted-at = قُبل العرض في
rd-navigate = ابدأ الملاحة
rd-open-maps-app = افتح في تطبيق الخرائط
rd-chat = محادثة العميل
rd-chat-intro = تحدّث مع العميل عن المهمة، ولا تطلب منه بيانات بطاقته.
rd-next-step = الخطوة التالية
rd-awaiting-payment = بانتظار أن يدفع العميل بالبطاقة أو المحفظة، أو يختار الدفع نقدًا.
rd-history = سجل المهمة
rd-actor-customer = العميل
rd-actor-rep = أنت
rd-actor-admin = الإدارة
rd-actor-system = النظام

# Earnings.
rd-earnings-title = الأرباح
rd-earnings-hint = ما كسبته وما تستحقه من المنصة
rd-from = من
rd-to = إلى
rd-apply = اعرض
rd-earnings-totals = ملخص الفترة
rd-earnings-net = صافي الفترة
rd-earnings-net-hint = مجموع حركات الفترة أدناه
rd-earnings-balance = المستحق لك الآن
rd-earnings-balance-hint = ما تدين لك به المنصة حتى اليوم
rd-earnings-jobs = مهام مدفوعة
rd-earnings-gross = مدفوعات العملاء
rd-earnings-gross-hint = شاملة الضريبة
rd-lines-title = الحركات
rd-lines-none-title = لا حركات في هذه الفترة
rd-lines-none-text = تظهر هنا أرباح كل مهمة مدفوعة، والمبالغ النقدية التي احتفظت بها، والتحويلات إليك.
rd-kind-target_settled = أرباح مهمة
rd-kind-cash_retained = نقد احتفظت به
rd-kind-rep_payout = تحويل إلى حسابك
rd-kind-payout = تحويل إلى حسابك
rd-kind-settlement_reversed = عكس تسوية
rd-kind-refund = استرداد للعميل
rd-kind-other = حركة أخرى

# Profile.
rd-profile-title = حسابي
rd-profile-who = بياناتك
rd-profile-no-name = بلا اسم
rd-stats = أرقامك
rd-stat-jobs = المهام
rd-stat-completed = المكتملة
rd-stat-acceptance = نسبة قبول عروضك
rd-stat-offers = { $count ->
    [0] لم تقدّم عروضًا بعد
    [one] من عرض واحد
    [two] من عرضين
    [few] من { $count } عروض
   *[other] من { $count } عرضًا
}
rd-stat-earned = إجمالي ما كسبته
rd-profile-links = روابط الحساب
rd-language = اللغة
rd-sign-out = تسجيل الخروج

rd-stat-rating = التقييم
rd-stat-ratings = { $count ->
    [0] لا تقييمات بعد
    [zero] لا تقييمات بعد
    [one] تقييم واحد
    [two] تقييمان
    [few] { $count } تقييمات
    [many] { $count } تقييمًا
   *[other] { $count } تقييم
}
rd-photo = صورة العميل للمشكلة
