## صفحات الإدارة: المتاجر، القسائم، الاسترداد النقدي، مراجعة التقييمات، المشرفون، حذف الحسابات

## مشترك
adm-selected = المحدد: { $n }
adm-show-all = عرض الكل
adm-activate = تفعيل
adm-suspend = إيقاف
adm-suspend-reason = لماذا يُوقَف؟ يرى مالك المتجر هذا السبب.
adm-delete = حذف
adm-created = أُنشئ في
adm-when = التاريخ
adm-from = من
adm-until = حتى
adm-always = دائمًا
adm-validity = الصلاحية
adm-starts-at = يبدأ في
adm-ends-at = ينتهي في
adm-dates-hint = بتوقيت السعودية. اتركه فارغًا إن لم يكن له بداية أو نهاية.
adm-date-invalid = اختر تاريخًا ووقتًا.
adm-percent-invalid = أدخل نسبة أكبر من 0 وحتى 100، مثل 10 أو 12.5.
adm-min-order = الحد الأدنى للطلب
adm-min-order-hint = بالريال قبل الضريبة. اتركه فارغًا إن لم يكن هناك حد أدنى.
adm-optional-sar = بالريال. اتركه فارغًا إن لم يكن هناك سقف.
adm-unlimited = بلا حد
adm-store = المتجر
adm-customer = العميل
adm-account = الحساب
adm-all-time = منذ البداية
adm-toast-skipped = { $count ->
    [zero] لم يُتخطَّ شيء
    [one] تُخطِّي عنصر واحد لأنه كذلك أصلًا أو تعذّر تغييره
    [two] تُخطِّي عنصران لأنهما كذلك أصلًا أو تعذّر تغييرهما
    [few] تُخطِّيت { $count } عناصر لأنها كذلك أصلًا أو تعذّر تغييرها
    [many] تُخطِّي { $count } عنصرًا لأنها كذلك أصلًا أو تعذّر تغييرها
   *[other] تُخطِّي { $count } عنصر لأنها كذلك أصلًا أو تعذّر تغييرها
}

## المتاجر
adm-stores-title = المتاجر
adm-stores-subtitle = كل فروع الشركات: فعّلها أو أوقفها وحدّد عمولة المنصة.
adm-stores-review-companies = مراجعة الشركات
adm-stores-search = ابحث باسم المتجر
adm-stores-count = { $count ->
    [zero] لا توجد متاجر
    [one] متجر واحد
    [two] متجران
    [few] { $count } متاجر
    [many] { $count } متجرًا
   *[other] { $count } متجر
}
adm-stores-empty-title = لا توجد متاجر هنا
adm-stores-empty-text = لا يطابق أي متجر هذا البحث أو هذه الحالة. يفتح الموردون متاجرهم بعد اعتماد شركاتهم.
adm-commission = العمولة
adm-commission-label = العمولة (%)
adm-commission-hint = حصة المنصة من المجموع الفرعي لكل طلب، من 0 إلى 100، مثل 10 أو 12.5.
adm-commission-invalid = أدخل نسبة من 0 إلى 100 بخانتين عشريتين على الأكثر، مثل 10 أو 12.5.
adm-commission-note = من المجموع الفرعي لكل طلب
adm-store-facts = بيانات المتجر
adm-location = الموقع
adm-owner = المالك
adm-owner-hidden = تظهر الشركة ومالكها للمشرفين الذين يديرون الشركات.
adm-open-company = فتح الشركة
adm-ratings-count = { $count ->
    [zero] لا تقييمات بعد
    [one] من تقييم واحد
    [two] من تقييمين
    [few] من { $count } تقييمات
    [many] من { $count } تقييمًا
   *[other] من { $count } تقييم
}
adm-store-status-help-active = يجد العملاء المتجر ويمكنهم الطلب منه.
adm-store-status-help-pending = المتجر بانتظار مشرف: لا يراه العملاء بعد.
adm-store-status-help-suspended = لا يرى العملاء المتجر حتى يُفعَّل من جديد.
adm-toast-store-activated = فُعِّل المتجر وأصبح العملاء يجدونه
adm-toast-store-suspended = أُوقف المتجر ويرى المالك السبب
adm-toast-stores-activated = { $count ->
    [zero] لم يُفعَّل أي متجر
    [one] فُعِّل متجر واحد
    [two] فُعِّل متجران
    [few] فُعِّلت { $count } متاجر
    [many] فُعِّل { $count } متجرًا
   *[other] فُعِّل { $count } متجر
}
adm-toast-stores-suspended = { $count ->
    [zero] لم يُوقَف أي متجر
    [one] أُوقف متجر واحد
    [two] أُوقف متجران
    [few] أُوقفت { $count } متاجر
    [many] أُوقف { $count } متجرًا
   *[other] أُوقف { $count } متجر
}
adm-toast-commission = أصبحت العمولة { $value }

## القسائم
adm-coupons-title = القسائم
adm-coupons-subtitle = رموز خصم يكتبها العملاء عند الدفع، بحدودها ومن استخدمها.
adm-coupons-search = ابحث بالرمز
adm-coupons-count = { $count ->
    [zero] لا توجد قسائم
    [one] قسيمة واحدة
    [two] قسيمتان
    [few] { $count } قسائم
    [many] { $count } قسيمة
   *[other] { $count } قسيمة
}
adm-coupons-empty-title = لا توجد قسائم هنا
adm-coupons-empty-text = أنشئ رمزًا لخصم بنسبة أو بمبلغ، على كل المنتجات أو على متاجر أو فئات مختارة.
adm-coupon-new = إنشاء قسيمة
adm-coupon-create = إنشاء القسيمة
adm-coupon-edit = تعديل القسيمة
adm-coupon-form-help = يكتب العملاء الرمز عند الدفع، فيُطبَّق على منتجات نطاقه.
adm-coupon-code = الرمز
adm-coupon-code-hint = من 3 إلى 40 حرفًا لاتينيًا أو رقمًا أو شرطة، مثل RAMADAN-25. يُحفظ بالأحرف الكبيرة.
adm-coupon-kind = النوع
adm-coupon-kind-percent = نسبة خصم
adm-coupon-kind-fixed = مبلغ خصم
adm-coupon-value = القيمة
adm-coupon-value-hint = نسبة (10 أو 12.5) أو مبلغ بالريال (25.00) بحسب النوع.
adm-coupon-discount = الخصم
adm-coupon-cap = أقصى خصم
adm-coupon-cap-short = حتى
adm-coupon-scope = يُطبَّق على
adm-scope-all = كل المنتجات
adm-scope-stores = متاجر مختارة
adm-scope-categories = فئات مختارة
adm-scope-stores-hint = تُستخدم عند تطبيقها على متاجر مختارة.
adm-scope-categories-hint = تُستخدم عند تطبيقها على فئات مختارة.
adm-coupon-active = مفعّلة
adm-coupon-active-hint = تُرفض القسيمة غير المفعّلة عند الدفع ويبقى سجلها.
adm-coupon-limits = الحدود
adm-coupon-usage-limit = مرات الاستخدام إجمالًا
adm-coupon-per-user = مرات الاستخدام لكل عميل
adm-limits-hint = اتركه فارغًا إن لم يكن هناك حد.
adm-coupon-uses = الاستخدام
adm-coupon-terms = الشروط
adm-coupon-state-active = مفعّلة
adm-coupon-state-inactive = غير مفعّلة
adm-coupon-state-scheduled = مجدولة
adm-coupon-state-expired = منتهية
adm-coupon-state-exhausted = نفدت
adm-coupon-delete-q = حذف هذه القسيمة؟ تتوقف عن العمل فورًا ويبقى سجل استخدامها.
adm-usage-history = سجل الاستخدام
adm-usages-count = { $count ->
    [zero] لم تُستخدم
    [one] استُخدمت مرة واحدة
    [two] استُخدمت مرتين
    [few] استُخدمت { $count } مرات
    [many] استُخدمت { $count } مرة
   *[other] استُخدمت { $count } مرة
}
adm-usages-empty-title = لم تُستخدم بعد
adm-usages-empty-text = تظهر هنا كل عملية دفع استخدمت الرمز مع العميل والخصم.
adm-usage-used = مستخدمة
adm-usage-released = أُعيدت
adm-toast-coupon-created = أُنشئت القسيمة { $code }
adm-toast-coupon-saved = حُفظت القسيمة { $code }
adm-toast-coupon-deleted = حُذفت القسيمة

## الاسترداد النقدي
adm-cashback-title = الاسترداد النقدي
adm-cashback-subtitle = جزء مما يدفعه العملاء يعود إلى محافظهم بعد التوصيل.
adm-rules = القواعد
adm-rules-count = { $count ->
    [zero] لا توجد قواعد
    [one] قاعدة واحدة
    [two] قاعدتان
    [few] { $count } قواعد
    [many] { $count } قاعدة
   *[other] { $count } قاعدة
}
adm-rules-empty-title = لا توجد قواعد استرداد
adm-rules-empty-text = أضف قاعدة ليعود للعملاء جزء مما يدفعونه في محافظهم.
adm-rule-new = إنشاء قاعدة
adm-rule-create = إنشاء القاعدة
adm-rule-percent = الاسترداد (%)
adm-rule-percent-hint = حصة من المبلغ المدفوع، أكبر من 0 وحتى 100، مثل 5.
adm-rule-max = الحد الأقصى للطلب
adm-rule-max-hint = بالريال.
adm-rule-delete-q = حذف قاعدة الاسترداد هذه؟ لن تكسب الطلبات المدفوعة من الآن شيئًا منها.
adm-toast-rule-created = أُنشئت قاعدة الاسترداد «{ $name }»
adm-toast-rule-deleted = حُذفت قاعدة الاسترداد

## التقييمات
adm-reviews-title = التقييمات
adm-reviews-subtitle = ما كتبه العملاء عن المتاجر والمنتجات. التقييم المخفي يغيب عن الصفحات العامة وعن المعدّل.
adm-reviews-count = { $count ->
    [zero] لا توجد تقييمات
    [one] تقييم واحد
    [two] تقييمان
    [few] { $count } تقييمات
    [many] { $count } تقييمًا
   *[other] { $count } تقييم
}
adm-reviews-empty-title = لا توجد تقييمات هنا
adm-reviews-empty-text = تظهر التقييمات عندما يقيّم العملاء طلباتهم المُسلَّمة.
adm-review = التقييم
adm-review-target = عن
adm-review-target-store = المتجر
adm-review-target-product = منتج
adm-review-target-rep = مندوب
adm-review-status-visible = ظاهر
adm-review-status-hidden = مخفي
adm-review-no-text = نجوم فقط بلا نص
adm-review-reply = رد المتجر
adm-reviewer-unnamed = عميل
adm-stars = { $count ->
    [zero] لا نجوم من خمس
    [one] نجمة واحدة من خمس
    [two] نجمتان من خمس
    [few] { $count } نجوم من خمس
    [many] { $count } نجمة من خمس
   *[other] { $count } نجمة من خمس
}
adm-hide = إخفاء
adm-restore = إظهار
adm-hide-reason = لماذا يُخفى؟ يبقى السبب مع التقييم للمشرفين الآخرين.
adm-toast-review-hidden = أُخفي التقييم
adm-toast-review-restored = أُظهر التقييم من جديد
adm-toast-reviews-hidden = { $count ->
    [zero] لم يُخفَ أي تقييم
    [one] أُخفي تقييم واحد
    [two] أُخفي تقييمان
    [few] أُخفيت { $count } تقييمات
    [many] أُخفي { $count } تقييمًا
   *[other] أُخفي { $count } تقييم
}

## المشرفون
adm-admins-title = المشرفون
adm-admins-subtitle = من يعمل في لوحة التحكم هذه وما يحق لكل منهم.
adm-admins-list = المشرفون والمشرفون العامّون
adm-admins-count = { $count ->
    [zero] لا يوجد مشرفون
    [one] مشرف واحد
    [two] مشرفان
    [few] { $count } مشرفين
    [many] { $count } مشرفًا
   *[other] { $count } مشرف
}
adm-admins-empty-title = لا يوجد مشرفون بعد
adm-admins-empty-text = أضف زميلًا برقم جواله واختر ما يحق له.
adm-admin-new = إضافة مشرف
adm-admin-create = إضافة المشرف
adm-admin-new-help = يدخل الرقم برمز يصله برسالة. الرقم الجديد يصبح حساب مشرف، أما رقم عميل أو مورد فلا.
adm-admin-account = الحساب
adm-admin-phone-hint = جوال سعودي، مثل 05 0000 0000.
adm-permissions = الصلاحيات
adm-permissions-help = اختر ما يحق لهذا المشرف. الصلاحيات المقفلة لا يمنحها إلا مشرف عام.
adm-permissions-save = حفظ الصلاحيات
adm-perm-all = كل الصلاحيات
adm-perm-count = { $count ->
    [zero] بلا صلاحيات
    [one] صلاحية واحدة
    [two] صلاحيتان
    [few] { $count } صلاحيات
    [many] { $count } صلاحية
   *[other] { $count } صلاحية
}
adm-perm-more = { $count ->
    [zero] ولا غيرها
    [one] وصلاحية أخرى
    [two] وصلاحيتان أخريان
    [few] و{ $count } صلاحيات أخرى
    [many] و{ $count } صلاحية أخرى
   *[other] و{ $count } صلاحية أخرى
}
adm-perm-locked-super = المشرف العام يملك كل الصلاحيات ولا تُغيَّر من هنا.
adm-perm-locked-self = هذه صلاحياتك أنت؛ يغيّرها مشرف آخر.
adm-last-login = آخر دخول
adm-perm-users-view = عرض المستخدمين
adm-perm-users-view-help = قائمة المستخدمين وطلبات الحذف وتفاصيل الحسابات.
adm-perm-users-manage = إدارة المستخدمين
adm-perm-users-manage-help = إيقاف الحسابات وإعادة تفعيلها واعتمادها، وإتمام الحذف.
adm-perm-admins-manage = إدارة المشرفين
adm-perm-admins-manage-help = إضافة المشرفين وتغيير صلاحياتهم.
adm-perm-audit-view = عرض سجل التدقيق
adm-perm-audit-view-help = كل تغيير أجراه المشرفون وما الذي تغيّر.
adm-perm-companies-manage = مراجعة الشركات
adm-perm-companies-manage-help = اعتماد الشركات أو رفضها والاطلاع على مستنداتها.
adm-perm-stores-manage = إدارة المتاجر
adm-perm-stores-manage-help = تفعيل المتاجر وإيقافها وتحديد عمولتها.
adm-perm-products-approve = اعتماد المنتجات
adm-perm-products-approve-help = اعتماد المنتجات أو رفضها قبل أن يراها العملاء.
adm-perm-catalog-manage = إدارة الكتالوج
adm-perm-catalog-manage-help = ماركات السيارات وطرازاتها وفئات القطع.
adm-perm-orders-manage = إدارة الطلبات
adm-perm-orders-manage-help = عرض كل الطلبات ونقلها إلى خطوتها التالية.
adm-perm-finance-manage = إدارة المال
adm-perm-finance-manage-help = أرقام الصفحة الرئيسية والمحافظ والاستردادات والمالية.
adm-perm-coupons-manage = إدارة القسائم والاسترداد النقدي
adm-perm-coupons-manage-help = إنشاء القسائم وقواعد الاسترداد وتعديلها وحذفها.
adm-perm-reviews-moderate = مراجعة التقييمات
adm-perm-reviews-moderate-help = إخفاء التقييمات وإظهارها.
adm-perm-support-manage = الرد على الدعم
adm-perm-support-manage-help = صندوق الدعم والمحادثات مع العملاء.
adm-perm-notifications-manage = إرسال الإشعارات
adm-perm-notifications-manage-help = الإشعارات الجماعية وقوالب الإشعارات.
adm-perm-jobs-manage = إدارة المهام الخلفية
adm-perm-jobs-manage-help = عرض طابور المهام وإعادة المهام الفاشلة.
adm-perm-requests-manage = إدارة طلبات القطع
adm-perm-requests-manage-help = عرض كل طلبات القطع بعروضها ومحادثاتها، وإغلاق طلب مع ذكر السبب.
adm-perm-external-manage = إدارة القطع الخارجية
adm-perm-external-manage-help = المورّدون واستيراد كتالوجاتهم وطلبات القطع الخارجية ومدفوعات المورّدين.
adm-perm-bookings-manage = إدارة الحجوزات
adm-perm-bookings-manage-help = كل حجوزات الخدمات وخطواتها المفروضة بسبب.
adm-perm-reps-manage = إدارة المندوبين
adm-perm-reps-manage-help = المندوبون وطلبات الإصلاح الفوري وخرائط تتبّعهم ومدفوعاتهم.
adm-perm-settings-manage = إدارة إعدادات النظام
adm-perm-settings-manage-help = وضع الصيانة، وتشغيل الأسواق وإيقافها، والعمولة الافتراضية، والمسافات، ورموز الدخول، وأدنى إصدار للتطبيقات، ومنطقة الخطر.
adm-perm-content-manage = إدارة محتوى الموقع
adm-perm-content-manage-help = البنرات، والأسئلة الشائعة، وصفحتا الشروط والخصوصية، وروابط التواصل الاجتماعي، وصندوق رسائل التواصل.
adm-toast-admin-added = أصبح { $phone } مشرفًا
adm-toast-permissions-saved = حُفظت الصلاحيات: { $count ->
    [zero] بلا صلاحيات
    [one] صلاحية واحدة
    [two] صلاحيتان
    [few] { $count } صلاحيات
    [many] { $count } صلاحية
   *[other] { $count } صلاحية
}

## حذف الحسابات
adm-deletions-title = حذف الحسابات
adm-deletions-subtitle = أشخاص طلبوا حذف حساباتهم. يُمحى الحساب بعد انتهاء مهلته:
adm-grace-days = { $count ->
    [zero] فور الطلب.
    [one] بعد يوم واحد من الطلب.
    [two] بعد يومين من الطلب.
    [few] بعد { $count } أيام من الطلب.
    [many] بعد { $count } يومًا من الطلب.
   *[other] بعد { $count } يوم من الطلب.
}
adm-deletions-pending = الطلبات المعلّقة
adm-deletions-count = { $count ->
    [zero] لا توجد طلبات
    [one] طلب واحد
    [two] طلبان
    [few] { $count } طلبات
    [many] { $count } طلبًا
   *[other] { $count } طلب
}
adm-due-count = { $count ->
    [zero] لا شيء مستحق
    [one] واحد مستحق
    [two] اثنان مستحقان
    [few] { $count } مستحقة
    [many] { $count } مستحقًا
   *[other] { $count } مستحق
}
adm-deletions-empty-title = لا توجد طلبات حذف معلّقة
adm-deletions-empty-text = تظهر الطلبات هنا عندما يحذف الأشخاص حساباتهم من التطبيق.
adm-requested-at = تاريخ الطلب
adm-grace-end = نهاية المهلة
adm-deletion-due = مستحق
adm-deletion-waiting = بالانتظار
adm-days-left = { $count ->
    [zero] تنتهي اليوم
    [one] بقي يوم واحد
    [two] بقي يومان
    [few] بقيت { $count } أيام
    [many] بقي { $count } يومًا
   *[other] بقي { $count } يوم
}
adm-finalise = إتمام الحذف
adm-finalise-due = إتمام كل المستحق
adm-finalise-q = محو هذا الحساب الآن؟ يُزال اسمه وجواله وبريده نهائيًا.
adm-finalise-due-q = محو كل الحسابات المستحقة في هذه الصفحة الآن؟ تُزال أسماؤها وجوالاتها وبريدها نهائيًا.
adm-toast-deletion-finalised = مُحي الحساب
adm-toast-deletions-finalised = { $count ->
    [zero] لم يُمحَ أي حساب
    [one] مُحي حساب واحد
    [two] مُحي حسابان
    [few] مُحيت { $count } حسابات
    [many] مُحي { $count } حسابًا
   *[other] مُحي { $count } حساب
}
