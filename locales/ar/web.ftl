## لوحات الويب: قوائم المراجعة والتصنيفات في لوحة الإدارة، ولوحة الشركاء

## مشترك
web-price-invalid = أدخل السعر بالريال، مثل 45.50 (منزلتان عشريتان على الأكثر).
web-number-invalid = أدخل عددًا صحيحًا.
web-add = إضافة
web-save = حفظ
web-edit = تعديل
web-open = فتح
web-approve = موافقة
web-reject = رفض
web-reject-prompt = ما سبب الرفض؟ سيظهر السبب للمورّد.
web-rejection-reason = سبب الرفض
web-back-to-list = العودة إلى القائمة
web-submitted = تاريخ التقديم
web-name = الاسم
web-name-ar = الاسم بالعربية
web-name-en = الاسم بالإنجليزية
web-slug = المعرّف (slug)
web-years = السنوات
web-year-from = من سنة
web-year-to = إلى سنة
web-files-kept = { $count ->
    [zero] لا توجد ملفات مرفوعة.
    [one] رُفع ملف واحد وسيُحتفظ به.
    [two] رُفع ملفان وسيُحتفظ بهما.
    [few] رُفعت { $count } ملفات وسيُحتفظ بها.
    [many] رُفع { $count } ملفًا وسيُحتفظ بها.
   *[other] رُفع { $count } ملف وسيُحتفظ بها.
}

## حالات لم ترد في main.ftl
status-pending = بانتظار المراجعة
status-approved = مقبولة
status-rejected = مرفوضة
status-draft = مسودة

## قائمة الإدارة
web-nav-companies = الشركات
web-nav-products = المنتجات
web-nav-taxonomy = الماركات والفئات

## الشركات
web-companies-count = { $count ->
    [zero] لا توجد شركات
    [one] شركة واحدة
    [two] شركتان
    [few] { $count } شركات
    [many] { $count } شركة
   *[other] { $count } شركة
}
web-companies-none = لا توجد شركات مطابقة.
web-company-legal-name = الاسم القانوني
web-company-legal-name-ar = الاسم القانوني بالعربية
web-company-legal-name-en = الاسم القانوني بالإنجليزية
web-company-cr = رقم السجل التجاري
web-company-vat = الرقم الضريبي
web-company-city = المدينة
web-company-address = العنوان
web-company-owner = مقدّم الطلب
web-company-documents = المستندات
web-company-no-documents = لم تُرفع مستندات.
web-company-register = سجّل الشركة
web-company-register-help = سجّل شركتك لتتمكن من فتح المتاجر. يراجعها أحد المشرفين أولًا.
web-company-resubmit = أعد الإرسال للمراجعة
web-company-resubmit-help = صحّح ما ورد في السبب وأعد إرسال الشركة للمراجعة.
web-company-pending-help = شركتك بانتظار المراجعة، وسنبلغك بالنتيجة.
web-company-approved-help = تمت الموافقة على شركتك، ويمكنك فتح المتاجر.
web-doc-kind-commercial_registration = شهادة السجل التجاري
web-doc-kind-vat_certificate = شهادة التسجيل الضريبي
web-doc-kind-other = مستند آخر

## المنتجات
web-products-count = { $count ->
    [zero] لا توجد منتجات
    [one] منتج واحد
    [two] منتجان
    [few] { $count } منتجات
    [many] { $count } منتجًا
   *[other] { $count } منتج
}
web-products-none = لا توجد منتجات هنا.
web-product-name = المنتج
web-product-store = المتجر
web-product-price = السعر
web-product-price-sar = السعر (ر.س)
web-product-stock = المخزون
web-product-category = الفئة
web-product-condition = الحالة
web-product-brand = العلامة التجارية
web-product-oem = أرقام القطع الأصلية (تفصل بينها فاصلة)
web-product-images = الصور
web-product-images-add = أضف صورًا (JPEG أو PNG أو WebP)
web-product-image-keep = إبقاء
web-product-new = منتج جديد
web-product-edit = تعديل المنتج
web-product-submit = أرسل للموافقة
web-product-save-submit = احفظ وأرسل للموافقة
web-product-save-draft = احفظ كمسودة
web-product-shipping = الشحن
web-product-shipping-help = يُستخدم لحساب رسوم التوصيل عند الدفع. حفظه لا يعيد إرسال المنتج للموافقة.
web-product-weight-kg = الوزن (كغ)
web-product-weight-hint = وزن قطعة واحدة مغلّفة بالكيلوغرام (مثل 1.25).
web-product-weight-invalid = أدخل الوزن بالكيلوغرام من 0.001 إلى 1000 (مثل 1.25).
web-product-length-cm = الطول (سم)
web-product-width-cm = العرض (سم)
web-product-height-cm = الارتفاع (سم)
web-product-size-hint = اختياري: مقاس الطرد بالسنتيمتر بأعداد صحيحة من 1 إلى 500.
web-product-shipping-save = احفظ بيانات الشحن
web-product-shipping-saved = حُفظ وزن الشحن ومقاسه
web-description-ar = الوصف بالعربية
web-description-en = الوصف بالإنجليزية
web-condition-new = جديد
web-condition-like_new = شبه جديد
web-condition-used = مستعمل
web-condition-refurbished = مجدّد
web-fitment = السيارات المتوافقة
web-fitment-help = اختر الماركة ثم الموديل (أو كل موديلات الماركة) والسنوات.
web-fitment-make = الماركة
web-fitment-model = الموديل
web-fitment-any-model = كل الموديلات
web-fitment-add = أضف سيارة
web-fitment-remove = احذف هذه السيارة
web-fitment-required = أضف سيارة واحدة على الأقل تناسبها القطعة.

## التصنيفات
web-taxonomy-makes = ماركات السيارات
web-taxonomy-models = الموديلات
web-taxonomy-categories = فئات القطع
web-taxonomy-add-make = أضف ماركة
web-taxonomy-add-model = أضف موديلًا
web-taxonomy-add-category = أضف فئة
web-taxonomy-parent = الفئة الأم
web-taxonomy-top-level = بلا (فئة رئيسية)
web-models-count = { $count ->
    [zero] لا توجد موديلات
    [one] موديل واحد
    [two] موديلان
    [few] { $count } موديلات
    [many] { $count } موديلًا
   *[other] { $count } موديل
}

## لوحة الشركاء
web-partner-title = لوحة الشركاء
web-partner-no-access = لا يملك هذا الحساب صلاحية الدخول إلى لوحة الشركاء.
web-partner-no-access-help = لوحة الشركاء للموردين وللعاملين في المتاجر. اطلب من مالك المتجر إضافة رقمك إلى الفريق.
web-partner-company = الشركة
web-partner-stores = المتاجر
web-partner-team = الفريق
web-stores-count = { $count ->
    [zero] لا توجد متاجر
    [one] متجر واحد
    [two] متجران
    [few] { $count } متاجر
    [many] { $count } متجرًا
   *[other] { $count } متجر
}
web-stores-none = لا توجد متاجر بعد.
web-store-type = نوع المتجر
web-store-role = دورك
web-store-role-owner = المالك
web-store-role-employee = موظف
web-store-open = افتح متجرًا
web-store-phone = هاتف المتجر (اختياري)
web-store-lat = خط العرض
web-store-lng = خط الطول
web-store-hours = ساعات العمل
web-store-opens = يفتح الساعة
web-store-closes = يغلق الساعة
web-day-sat = السبت
web-day-sun = الأحد
web-day-mon = الاثنين
web-day-tue = الثلاثاء
web-day-wed = الأربعاء
web-day-thu = الخميس
web-day-fri = الجمعة
web-team-count = { $count ->
    [zero] لا يوجد موظفون
    [one] موظف واحد
    [two] موظفان
    [few] { $count } موظفين
    [many] { $count } موظفًا
   *[other] { $count } موظف
}
web-team-add = أضف موظفًا
web-team-remove = إزالة
web-team-remove-confirm = إزالة هذا الموظف من المتجر؟
web-perm-products-view = عرض المنتجات
web-perm-products-manage = إدارة المنتجات
web-perm-orders-view = عرض الطلبات
web-perm-orders-manage = إدارة الطلبات
web-perm-requests-view = عرض طلبات التسعير
web-perm-requests-manage = الرد على طلبات التسعير
web-perm-bookings-manage = إدارة الحجوزات
web-perm-store-settings-manage = إدارة إعدادات المتجر
web-perm-store-team-manage = إدارة الفريق
web-error-back = العودة إلى البداية
