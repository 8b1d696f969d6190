## الشركات
stores-supplier-only = تسجيل الشركات متاح لحسابات الموردين فقط.
stores-company-exists = لديك شركة مسجّلة بالفعل.
stores-cr-number-taken = توجد شركة مسجّلة بهذا الرقم في السجل التجاري.
stores-company-locked = لا يمكن تعديل شركة معتمدة من هنا. تواصل مع الدعم.
stores-company-required = سجّل شركتك أولًا.
stores-company-not-approved = لم تُعتمد شركتك بعد. يمكنك فتح المتاجر بعد اعتمادها.
stores-company-not-pending = لا يمكن اعتماد أو رفض إلا شركة بانتظار المراجعة.
stores-validation-cr-number = رقم السجل التجاري مكوّن من { $digits ->
    [zero] صفر رقم
    [one] رقم واحد
    [two] رقمين
    [few] { $digits } أرقام
    [many] { $digits } رقمًا
   *[other] { $digits } رقم
}.
stores-validation-vat-number = الرقم الضريبي مكوّن من { $digits ->
    [zero] صفر رقم
    [one] رقم واحد
    [two] رقمين
    [few] { $digits } أرقام
    [many] { $digits } رقمًا
   *[other] { $digits } رقم
} ويبدأ بالرقم 3 وينتهي به.
stores-validation-document-unknown = هذا الملف ليس من الملفات التي رفعتها.
stores-validation-document-kind = استخدم إحدى القيم: commercial_registration أو vat_certificate أو other.
stores-validation-too-many = لا يزيد العدد عن { $max ->
    [zero] صفر
    [one] عنصر واحد
    [two] عنصرين
    [few] { $max } عناصر
    [many] { $max } عنصرًا
   *[other] { $max } عنصر
}.

## أنواع المتاجر والخدمات
stores-validation-slug = استخدم حروفًا لاتينية صغيرة وأرقامًا وشرطات مفردة، مثل car-wash.
stores-validation-service-unknown = هذه الخدمة غير موجودة.
stores-validation-store-type-unknown = نوع المتجر هذا غير موجود.
stores-slug-taken = هذا المعرّف مستخدم بالفعل.
stores-store-type-in-use = { $count ->
    [zero] لا توجد متاجر
    [one] يوجد متجر واحد
    [two] يوجد متجران
    [few] توجد { $count } متاجر
    [many] يوجد { $count } متجرًا
   *[other] يوجد { $count } متجر
} من هذا النوع. انقلها إلى نوع آخر أولًا.

## المتاجر
stores-validation-day-unknown = يوم غير معروف. استخدم sat أو sun أو mon أو tue أو wed أو thu أو fri.
stores-validation-hours-interval = كل فترة زوج من وقتين، مثل ["09:00", "22:00"].
stores-validation-hours-time = اكتب الوقت بالصيغة HH:MM، مثل 09:00 أو 22:30.
stores-validation-hours-order = يجب أن يسبق وقتُ الفتح وقتَ الإغلاق.
stores-validation-hours-overlap = يجب ألا تتداخل فترات اليوم الواحد.
stores-validation-hours-too-many = لا تزيد فترات اليوم عن { $max ->
    [zero] صفر
    [one] فترة واحدة
    [two] فترتين
    [few] { $max } فترات
    [many] { $max } فترة
   *[other] { $max } فترة
}.
stores-validation-number = أدخل رقمًا.
stores-validation-radius = نصف القطر أكبر من صفر ولا يزيد عن { $max ->
    [zero] صفر كيلومتر
    [one] كيلومتر واحد
    [two] كيلومترين
    [few] { $max } كيلومترات
    [many] { $max } كيلومترًا
   *[other] { $max } كيلومتر
}.
stores-store-already-active = المتجر نشط بالفعل.
stores-store-already-suspended = المتجر موقوف بالفعل.

## الموظفون
stores-employee-exists = هذا الشخص يعمل في هذا المتجر بالفعل.
stores-employee-is-admin = لا يمكن أن يكون مشرفو المنصة موظفين في المتاجر.
stores-employee-is-owner = لا يُضاف مالك المتجر كموظف.

## العميل
customer-address-limit = يمكنك حفظ { $max ->
    [zero] صفر عنوان
    [one] عنوان واحد
    [two] عنوانين
    [few] { $max } عناوين
    [many] { $max } عنوانًا
   *[other] { $max } عنوان
} على الأكثر.
stores-store-has-open-orders = لدى هذا المتجر طلبات مفتوحة. أكملها أو ألغها أولًا، ويمكنك إيقاف المتجر مؤقتًا في الأثناء.
stores-store-has-balance = لا يزال لهذا المتجر رصيد مع المنصة. يمكن حذفه بعد تسوية الرصيد.
