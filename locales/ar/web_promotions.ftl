## عروض المتجر: صفحات الشريك
web-promo-title = العروض
web-promo-count = { $count ->
    [zero] لا توجد عروض
    [one] عرض واحد
    [two] عرضان
    [few] { $count } عروض
    [many] { $count } عرضًا
   *[other] { $count } عرض
}
web-promo-subtitle = تخفيضاتك على أسعارك يتحملها المتجر: يرى العملاء السعر المخفَّض في السلة وعند إتمام الطلب.
web-promo-new = عرض جديد
web-promo-edit = تعديل العرض
web-promo-create = إنشاء العرض
web-promo-empty-title = لا توجد عروض بعد
web-promo-empty-text = خفّض سعر منتجات أو تصنيفات تختارها لمدة محددة.
web-promo-name = الاسم
web-promo-name-ar = الاسم بالعربية
web-promo-name-en = الاسم بالإنجليزية
web-promo-discount = الخصم
web-promo-kind = نوع الخصم
web-promo-kind-percent = نسبة مئوية
web-promo-kind-fixed = مبلغ (ر.س)
web-promo-value = الخصم على الوحدة
web-promo-value-hint = نسبة حتى 90 (مثل 20 أو 12.5)، أو مبلغ بالريال. لا يقل سعر الوحدة عن 0.01 ر.س.
web-promo-scope = يشمل
web-promo-scope-hint = اختر منتجات من هذا المتجر أو تصنيفات أو كليهما. إذا انطبق أكثر من عرض على منتج يُطبَّق الأكبر خصمًا وحده ولا تُجمع العروض. يُطبَّق كوبون المنصة بعد عرضك على السعر المخفَّض.
web-promo-products = المنتجات
web-promo-categories = التصنيفات
web-promo-products-count = { $count ->
    [one] منتج واحد
    [two] منتجان
    [few] { $count } منتجات
    [many] { $count } منتجًا
   *[other] { $count } منتج
}
web-promo-categories-count = { $count ->
    [one] تصنيف واحد
    [two] تصنيفان
    [few] { $count } تصنيفات
    [many] { $count } تصنيفًا
   *[other] { $count } تصنيف
}
web-promo-window = المدة
web-promo-from = من
web-promo-until = حتى
web-promo-starts = يبدأ
web-promo-ends = ينتهي
web-promo-window-hint = بتوقيت السعودية؛ 366 يومًا على الأكثر.
web-promo-active = مفعَّل
web-promo-active-hint = العرض الموقوف يبقى هنا لكنه لا يغيّر أي سعر.
web-promo-form-help = يتحمل المتجر الخصم: الطلب وفاتورته وتسويتك كلها بالسعر المخفَّض.
web-promo-state-inactive = موقوف
web-promo-state-scheduled = مجدول
web-promo-state-running = ساري
web-promo-state-ended = منتهٍ
web-promo-end = إنهاء الآن
web-promo-end-confirm = إنهاء هذا العرض الآن؟ تعود السلال إلى السعر الكامل فورًا.
web-promo-delete = حذف العرض
web-promo-delete-confirm = حذف هذا العرض؟ تحتفظ الطلبات السابقة بأسعارها.
web-promo-toast-created = أُنشئ العرض «{ $name }».
web-promo-toast-saved = حُفظ العرض «{ $name }».
web-promo-toast-ended = انتهى العرض «{ $name }».
web-promo-toast-deleted = حُذف العرض.
web-promo-percent-invalid = أدخل نسبة أكبر من 0 وحتى 90، مثل 20 أو 12.5.
web-promo-date-invalid = اختر تاريخًا ووقتًا.
web-orders-store-discount = خصم المتجر

## عروض المتجر: تطبيق العميل
app-store-discount = خصم المتجر
app-promo-until = حتى { $date }
app-promo-was = بدلًا من { $price }
app-invoice-store-discount = خصم المتجر
