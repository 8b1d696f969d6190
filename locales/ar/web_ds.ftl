# نصوص نظام التصميم: الإطار، النوافذ، الإشعارات، الجداول.
ds-skip = انتقل إلى المحتوى
ds-nav-label = التنقل الرئيسي
ds-menu = القائمة
ds-close = إغلاق
ds-cancel = إلغاء
ds-confirm = تأكيد
ds-confirm-title = هل أنت متأكد؟
ds-reason = السبب
ds-request-failed = حدث خطأ. حاول مرة أخرى.
ds-nav-home = الرئيسية
ds-nav-audit = سجل التدقيق
ds-group-marketplace = السوق
ds-group-people = الأشخاص
ds-group-money = المال
ds-group-engagement = التواصل
ds-group-system = النظام
ds-group-help = المساعدة
ds-breadcrumbs = مسار التنقل
ds-export-csv = تصدير CSV
ds-search = بحث
ds-filter = تصفية
ds-clear = مسح
ds-sort-by = رتّب حسب { $column }
ds-selected = { $count ->
    [zero] لا شيء محدد
    [one] عنصر واحد محدد
    [two] عنصران محددان
    [few] { $count } عناصر محددة
   *[other] { $count } عنصرًا محددًا
}
ds-select-all = تحديد الكل
ds-select-row = تحديد الصف
ds-previous = السابق
ds-next = التالي
ds-show-table = الأرقام في جدول
ds-vs-previous = مقارنة بالفترة السابقة
ds-no-change = دون تغيير
ds-new = جديد
ds-choose-files = اختر ملفات
ds-choose-file = اختر ملفًا
ds-no-file = لم يُختر ملف
ds-loading = جارٍ التحميل…
ds-saved = تم الحفظ
ds-view-all = عرض الكل
ds-range-today = اليوم
ds-range-7d = آخر أسبوع
ds-range-30d = آخر شهر
ds-range-custom = مخصص
ds-range-from = من
ds-range-to = إلى
ds-range-apply = تطبيق
ds-currency = ر.س
ds-home-title = نظرة عامة
ds-kpis = الأرقام الرئيسية
ds-kpi-orders = الطلبات
ds-kpi-gmv = إجمالي المبيعات
ds-kpi-commission = العمولة
ds-kpi-new-customers = عملاء جدد
ds-kpi-new-stores = متاجر جديدة
ds-kpi-pending-approvals = بانتظار الموافقة
ds-kpi-open-support = محادثات دعم مفتوحة
ds-kpi-pending-orders = طلبات بانتظار القبول
ds-kpi-sales = المبيعات
ds-kpi-active-products = منتجات نشطة
ds-kpi-low-stock = مخزون منخفض
ds-kpi-rating = التقييم
ds-revenue-chart = الإيرادات اليومية
ds-sales-chart = المبيعات اليومية
ds-orders-by-status = الطلبات حسب الحالة
ds-by-channel = حسب وسيلة الدفع
ds-channel = الوسيلة
ds-share = النسبة
ds-day = اليوم
ds-no-orders-in-period = لا طلبات في هذه الفترة.
ds-all-stores = كل المتاجر
ds-store = المتجر
ds-no-rating = لا تقييمات بعد
ds-rating-of = { $count ->
    [zero] من دون مراجعات
    [one] من مراجعة واحدة
    [two] من مراجعتين
    [few] من { $count } مراجعات
   *[other] من { $count } مراجعة
}
ds-attention = بحاجة إلى انتباهك
ds-sheet-title = نظام التصميم
ds-sheet-intro = كل مكونات واجهات قطع، بلغة هذه الصفحة واتجاهها.
ds-sheet-save = حفظ
ds-sheet-store-1 = النخيل لقطع غيار السيارات
ds-sheet-store-2 = مركز الرياض للقطع
ds-sheet-city = الرياض، العليا
ds-sheet-page = الصفحة 1 من 12
ds-sheet-form = حقول النماذج
ds-sheet-hint = يظهر للعملاء في صفحة المتجر.
ds-sheet-vat = الرقم الضريبي
ds-sheet-vat-error = الرقم الضريبي 15 خانة، يبدأ بـ 3 وينتهي بـ 3.
ds-sheet-cr = السجل التجاري
ds-sheet-company = الشركة
ds-sheet-documents = المستندات
ds-sheet-delete = حذف
ds-sheet-delete-q = حذف هذا المتجر؟ تُحذف منتجاته معه.
ds-sheet-more = المزيد
ds-sheet-badges = شارات الحالة
ds-sheet-banner = الشركة بانتظار الموافقة: تُفتح المتاجر بعد موافقة الإدارة.
ds-sheet-facts = البيانات
ds-sheet-history = السجل
ds-sheet-empty-title = لا منتجات بعد
ds-sheet-empty-text = أضف منتجك الأول: يجده العملاء بالسيارة والفئة ورقم القطعة.
ds-sheet-empty-action = إضافة منتج
ds-sheet-icons = الأيقونات والصورة البديلة
ds-toast-company-approved = اعتُمدت الشركة
ds-toast-company-rejected = رُفضت الشركة؛ يرى المالك السبب
ds-toast-product-approved = اعتُمد المنتج وأصبح معروضًا
ds-toast-product-rejected = رُفض المنتج؛ يرى المتجر السبب
ds-toast-job-retried = أُعيدت المهمة إلى الطابور
ds-toast-order-step = انتقل الطلب إلى: { $status }
ds-toast-user-suspended = أُوقف الحساب وانتهت جلساته
ds-toast-user-reactivated = أُعيد تفعيل الحساب
ds-toast-saved = حُفظت التغييرات
ds-toast-deleted = تم الحذف
ds-store-settings = الإعدادات
ds-store-reviews = المراجعات
ds-store-balance = الرصيد
ds-danger-zone = منطقة الخطر
ds-store-delete = حذف هذا المتجر
ds-store-delete-help = لا يُحذف متجر لديه طلبات مفتوحة أو رصيد؛ سوِّها أولًا. تخرج منتجاته من الكتالوج معه.
ds-store-delete-confirm = حذف هذا المتجر نهائيًا؟ ستخرج منتجاته من الكتالوج.
ds-toast-store-deleted = حُذف المتجر
ds-toast-reply-saved = نُشر الرد
ds-reviews-empty-title = لا مراجعات بعد
ds-reviews-empty-text = يراجع العملاء المتجر ومنتجاته بعد توصيل الطلب؛ تظهر مراجعاتهم وردودك هنا.
ds-stars = { $count ->
    [zero] لا نجوم من 5
    [one] نجمة واحدة من 5
    [two] نجمتان من 5
    [few] { $count } نجوم من 5
   *[other] { $count } نجمة من 5
}
ds-review-of-product = منتج
ds-review-of-store = المتجر
ds-review-hidden = مخفية بالإشراف
ds-your-reply = ردّك
ds-reply = رد
ds-edit-reply = تعديل الرد
ds-send-reply = نشر الرد
ds-balance-owed-to-store = مستحق للمتجر على المنصة
ds-balance-store-owes = مستحق على المتجر للمنصة
ds-balance-help = تُسوّى المبيعات عند التوصيل بعد خصم العمولة وضريبتها؛ وتُحوَّل المستحقات إلى حساب المتجر البنكي.
ds-balance-entries = الحركات
ds-balance-movement = الحركة
ds-balance-after = الرصيد بعدها
ds-balance-empty-title = لا حركات بعد
ds-balance-empty-text = تُسوّى الطلبات المسلّمة هنا، وتُصرف المستحقات من هنا.
ds-ledger-target-settled = تسوية طلب
ds-ledger-settlement-reversed = عكس تسوية (استرداد)
ds-ledger-cash-collected = نقد محصّل عند التوصيل
ds-ledger-cash-retained = نقد احتفظ به المتجر
ds-ledger-payout = تحويل إلى البنك
ds-ledger-refund = استرداد
ds-ledger-payment-captured = تحصيل دفعة
ds-ledger-wallet-credit = إضافة إلى المحفظة
ds-ledger-cashback = استرداد نقدي
ds-ledger-wallet-debit = خصم من المحفظة
ds-products-empty-text = تنتظر هنا المنتجات التي ترسلها المتاجر للمراجعة حتى يعتمدها مشرف أو يرفضها.
ds-selected-template = المحدد: {"{"}n{"}"}
ds-bulk-approve = اعتماد المحدد
ds-bulk-reject = رفض المحدد
ds-bulk-approve-confirm = اعتماد كل المنتجات المحددة؟ تُعرض فورًا.
ds-bulk-approved = { $count ->
    [zero] لم يُعتمد أي منتج
    [one] اعتُمد منتج واحد
    [two] اعتُمد منتجان
    [few] اعتُمدت { $count } منتجات
   *[other] اعتُمد { $count } منتجًا
}
ds-bulk-rejected = { $count ->
    [zero] لم يُرفض أي منتج
    [one] رُفض منتج واحد
    [two] رُفض منتجان
    [few] رُفضت { $count } منتجات
   *[other] رُفض { $count } منتجًا
}
ds-orders-empty-text = تظهر هنا طلبات العملاء، الأحدث أولًا؛ صفِّها بالحالة أو ابحث عن طلب برقمه.
ds-toast-product-submitted = أُرسل للمراجعة
ds-toast-product-deleted = حُذف المنتج
ds-delete-product = حذف المنتج
ds-delete-product-confirm = حذف هذا المنتج؟ يخرج من الكتالوج وتبقى الطلبات السابقة كما هي.
ds-variants = الخيارات
ds-variants-help = المقاسات أو الجهات أو العبوات التي تُباع تحت هذا المنتج، لكل منها سعرها ومخزونها (اتركها فارغة إن كان صنفًا واحدًا).
ds-variant-add = إضافة خيار
ds-variant-remove = إزالة الخيار
ds-chats = محادثات العملاء
ds-chats-intro = أسئلة العملاء إلى متاجرك، الأحدث أولًا.
ds-chats-empty-title = لا محادثات مع العملاء بعد
ds-chats-empty-text = حين يكتب عميل إلى أحد متاجرك من التطبيق، تظهر المحادثة هنا.
ds-chat-customer = العميل
ds-chat-last = آخر رسالة
ds-chat-unread = غير مقروءة
