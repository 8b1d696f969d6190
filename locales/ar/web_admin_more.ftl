## صفحات الإدارة: قوالب الإشعارات، إشعارات المشرف، صفحة المستخدم، صفحة المنتج، تعديل وحذف التصنيفات

## مشترك
am-edit = تعديل
am-delete = حذف
am-save = حفظ التغييرات
am-none = غير محدد
am-make = الشركة المصنعة
am-model = الطراز
am-lang-ar = العربية
am-lang-en = الإنجليزية
am-category-orders = الطلبات
am-category-chat = المحادثات
am-category-marketing = التسويق

## قوالب الإشعارات
am-templates-title = قوالب الإشعارات
am-templates-subtitle = ما يقوله كل حدث على كل قناة، بالعربية والإنجليزية.
am-event-order-status = تغيّرت حالة الطلب
am-event-order-new = طلب جديد لمتجر
am-event-chat-message = رسالة محادثة جديدة
am-event-broadcast = رسالة جماعية
am-event-help-order-status = تُرسل إلى العميل كلما انتقل طلبه إلى حالة جديدة.
am-event-help-order-new = تُرسل إلى مالك المتجر عندما يطلب عميل.
am-event-help-chat-message = تُرسل إلى الطرف الآخر من المحادثة عند وصول رسالة.
am-event-help-broadcast = إطار الرسائل التي يرسلها المشرفون من صفحة الرسائل الجماعية.
am-event-request-new = طلب قطعة جديد لمتجر
am-event-request-offer = عرض جديد على طلب عميل
am-event-request-won = قبول عرض متجر
am-event-request-lost = عدم اختيار عرض متجر
am-event-request-expired = انتهاء طلب عميل
am-event-booking-confirmed = تأكيد حجز خدمة
am-event-booking-rejected = رفض حجز أو إلغاؤه
am-event-booking-reminder = تذكير بموعد حجز
am-event-referral-rewarded = مكافأة دعوة بعد أول طلب لصديق
am-event-referral-welcome = مكافأة ترحيب لعميل مدعو
am-event-repair-new = طلب إصلاح قريب من مندوب
am-event-help-request-new = يُرسل إلى أفراد كل متجر يصله طلب قطعة (ممن يطّلعون على الطلبات).
am-event-help-request-offer = يُرسل إلى العميل عندما يقدّم متجر عرضًا أو يعدّله.
am-event-help-request-won = يُرسل إلى أفراد المتجر الفائز عندما يقبل العميل عرضه.
am-event-help-request-lost = يُرسل إلى أفراد المتاجر الأخرى عندما يقبل العميل عرضًا آخر.
am-event-help-request-expired = يُرسل إلى العميل عندما ينتهي طلبه دون قبول عرض.
am-channel-push = إشعار فوري
am-channel-sms = رسالة نصية
am-channel-email = بريد إلكتروني
am-channel-in_app = داخل التطبيق
am-tpl-channel = القناة
am-tpl-state-enabled = مفعّل
am-tpl-state-disabled = معطّل
am-tpl-state-missing = غير مكتوب
am-tpl-write = اكتبه
am-tpl-enabled-count = { $count ->
    [zero] لا قالب مفعّل
    [one] قالب واحد مفعّل
    [two] قالبان مفعّلان
    [few] { $count } قوالب مفعّلة
    [many] { $count } قالبًا مفعّلًا
   *[other] { $count } قالب مفعّل
}
am-tpl-placeholders = المتغيرات
am-tpl-placeholders-help = اكتب المتغير بين قوسين معقوفين كما هو أدناه تمامًا، ويُستبدل بقيمته عند الإرسال. أي متغير آخر مرفوض.
am-tpl-updated = آخر تعديل
am-tpl-edit-in-ar = تعديل النسخة العربية
am-tpl-edit-in-en = تعديل النسخة الإنجليزية
am-tpl-message = الرسالة
am-tpl-title = العنوان
am-tpl-subject = الموضوع
am-tpl-max-chars = { $max } حرف على الأكثر.
am-tpl-sms-hint = الرسائل النصية بلا عنوان.
am-tpl-body = النص
am-tpl-email-text = نص البريد
am-tpl-html = نسخة HTML (اختيارية)
am-tpl-html-hint = بدونها تُصنع نسخة HTML من النص. تُهرَّب القيم عند إدراجها.
am-tpl-enabled = الإرسال على هذه القناة
am-tpl-enabled-hint = عند التعطيل لا يرسل هذا الحدث شيئًا على هذه القناة بهذه اللغة.
am-tpl-save = حفظ القالب
am-tpl-saved = حُفظ القالب.
am-tpl-preview = المعاينة
am-tpl-preview-sample = بقيم تجريبية
am-tpl-preview-draft = كما تكتبه الآن
am-tpl-preview-saved = كما هو محفوظ
am-tpl-preview-none = لم يُكتب بهذه اللغة بعد.
am-var-orderNumber = رقم الطلب
am-var-status = حالة الطلب الجديدة بلغة المستلم
am-var-name = اسم المستلم
am-var-storeName = اسم المتجر
am-var-amount = المبلغ المستحق بالريال
am-var-senderName = مرسل الرسالة
am-var-preview = بداية الرسالة
am-var-title = عنوان الرسالة الجماعية
am-var-body = نص الرسالة الجماعية
am-var-requestNumber = رقم الطلب
am-var-part = فئة القطعة
am-var-car = السيارة: الماركة والطراز وسنة الصنع
am-var-distance = المسافة من المتجر بالكيلومتر
am-var-bookingNumber = رقم الحجز
am-var-date = تاريخ الموعد بتوقيت الرياض
am-var-time = وقت الموعد بتوقيت الرياض
am-var-reason = السبب الذي كتبه المتجر أو الإدارة
am-var-problem = نوع العطل

## الإشعارات
am-inbox-title = الإشعارات
am-inbox-unread = { $count ->
    [zero] لا إشعارات غير مقروءة
    [one] إشعار واحد غير مقروء
    [two] إشعاران غير مقروءين
    [few] { $count } إشعارات غير مقروءة
    [many] { $count } إشعارًا غير مقروء
   *[other] { $count } إشعار غير مقروء
}
am-inbox-filter = العرض
am-inbox-unread-tab = غير المقروءة
am-inbox-unread-mark = غير مقروء
am-inbox-mark-read = تعليم كمقروء
am-inbox-mark-all = تعليم الكل كمقروء
am-inbox-marked = عُلِّم كمقروء.
am-inbox-marked-all = { $count ->
    [zero] لم يكن هناك إشعار غير مقروء.
    [one] عُلِّم إشعار واحد كمقروء.
    [two] عُلِّم إشعاران كمقروءين.
    [few] عُلِّمت { $count } إشعارات كمقروءة.
    [many] عُلِّم { $count } إشعارًا كمقروء.
   *[other] عُلِّم { $count } إشعار كمقروء.
}
am-inbox-open = فتح
am-inbox-empty-title = لا إشعارات بعد
am-inbox-empty-text = ما تخبرك به المنصة يظهر هنا.
am-inbox-caught-up-title = قرأت كل شيء
am-inbox-caught-up-text = لا يوجد إشعار غير مقروء.
am-inbox-show-all = عرض الكل

## صفحة المستخدم
am-user-unnamed = بلا اسم
am-user-profile = الملف الشخصي
am-user-email = البريد الإلكتروني
am-user-language = اللغة
am-user-last-sign-in = آخر تسجيل دخول
am-user-never = لم يسجّل الدخول
am-user-deletion-requested = طلب حذف الحساب
am-user-orders = أحدث الطلبات
am-user-no-orders = لا طلبات بعد
am-user-no-orders-text = تظهر هنا الطلبات التي يقدمها هذا المستخدم.
am-user-account = الحساب
am-user-reason = السبب
am-user-active-help = الإيقاف يخرج المستخدم من كل أجهزته ويمنعه من تسجيل الدخول.
am-user-suspended-help = لا يستطيع المستخدم تسجيل الدخول حتى يُعاد تفعيل حسابه.
am-user-suspend-ask = لماذا يُوقَف هذا الحساب؟ يرى المستخدم هذا السبب.
am-user-reactivate-q = إعادة تفعيل حساب { $name }؟
am-user-wallet-open = فتح المحفظة

## صفحة المنتج
am-product-created = أُنشئ في
am-product-updated = آخر تغيير
am-product-details = التفاصيل
am-product-sku = رمز المنتج
am-product-oem = أرقام القطع الأصلية
am-product-description = الوصف
am-product-images-count = { $count ->
    [zero] لا صور
    [one] صورة واحدة
    [two] صورتان
    [few] { $count } صور
    [many] { $count } صورة
   *[other] { $count } صورة
}
am-product-no-images = لم يضف المورد صورًا.
am-product-variants = الخيارات
am-product-variants-count = { $count ->
    [zero] لا خيارات
    [one] خيار واحد
    [two] خياران
    [few] { $count } خيارات
    [many] { $count } خيارًا
   *[other] { $count } خيار
}
am-product-no-variants = يُباع هذا المنتج قطعة واحدة بلا خيارات.
am-product-fitment = السيارات المتوافقة
am-product-no-fitment = لم تُحدَّد سيارات: يناسب أي سيارة.
am-product-all-models = كل الطرازات
am-product-all-years = كل السنوات
am-product-review = المراجعة
am-product-rejection = سبب الرفض
am-product-help-draft = لم يرسله المورد للمراجعة بعد.
am-product-help-pending_approval = بانتظار المراجعة: اعتمده ليُعرض، أو ارفضه مع سبب يراه المورد.
am-product-help-active = معروض: يستطيع العملاء إيجاده وشراءه.
am-product-help-rejected = غير معروض. يستطيع المورد تعديله وإرساله مجددًا.

## التصنيفات: التعديل والحذف
am-tax-edit-make = تعديل الشركة المصنعة
am-tax-edit-model = تعديل الطراز
am-tax-edit-category = تعديل الفئة
am-tax-year-to-hint = اتركه فارغًا ما دام الطراز يُباع.
am-tax-delete-q = حذف { $name }؟ لا يمكن التراجع عن ذلك من هنا.
am-tax-make-saved = حُفظت الشركة المصنعة.
am-tax-model-saved = حُفظ الطراز.
am-tax-category-saved = حُفظت الفئة.
am-tax-make-deleted = حُذفت الشركة المصنعة.
am-tax-model-deleted = حُذف الطراز.
am-tax-category-deleted = حُذفت الفئة.
