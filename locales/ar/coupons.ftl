## الكوبونات عند إتمام الطلب
coupons-not-found = رمز الكوبون هذا غير صالح.
coupons-not-started = لا يمكن استخدام هذا الكوبون بعد.
coupons-expired = انتهت صلاحية هذا الكوبون.
coupons-exhausted = نفد هذا الكوبون.
coupons-user-limit = استخدمت هذا الكوبون بالفعل العدد المسموح به من المرات.
coupons-not-applicable = لا يشمل هذا الكوبون أيًّا من المنتجات في سلتك.
coupons-min-order = يتطلب هذا الكوبون ألّا تقل قيمة المنتجات المشمولة به عن { $min }.

## إدارة الكوبونات
coupons-code-taken = يوجد كوبون بهذا الرمز بالفعل.
coupons-validation-code = استخدم من 3 إلى 40 حرفًا لاتينيًا أو رقمًا أو شرطة أو شرطة سفلية، مثل RAMADAN-25.
coupons-validation-date = اكتب التاريخ والوقت بصيغة RFC 3339، مثل 2026-03-01T00:00:00+03:00.
coupons-validation-percent = تُكتب النسبة بأجزاء العشرة آلاف، من 1 إلى { $max } (1000 تعني 10 %).
coupons-validation-ends-after-starts = يجب أن يكون الانتهاء بعد البدء.
coupons-validation-scope-ids-required = اختر متجرًا أو تصنيفًا واحدًا على الأقل لهذا النطاق.
coupons-validation-scope-ids-unused = الكوبون الشامل لا يُحدَّد له متاجر أو تصنيفات؛ اختر نطاق المتاجر أو التصنيفات.
coupons-validation-too-many = لا يزيد العدد عن { $max ->
    [zero] صفر
    [one] عنصر واحد
    [two] عنصرين
    [few] { $max } عناصر
    [many] { $max } عنصرًا
   *[other] { $max } عنصر
}.
coupons-validation-store-unknown = المتجر { $id } غير موجود.
coupons-validation-category-unknown = التصنيف { $id } غير موجود.
coupons-validation-usage-limit-below-used = { $used ->
    [one] استُخدم الكوبون مرة واحدة
    [two] استُخدم الكوبون مرتين
    [few] استُخدم الكوبون { $used } مرات
    [many] استُخدم الكوبون { $used } مرة
   *[other] استُخدم الكوبون { $used } مرة
}، فلا يمكن أن يكون الحد أقل من ذلك.
