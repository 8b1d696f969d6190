## عروض المتاجر
promotions-too-many = لا يزيد عدد عروض المتجر عن { $max }؛ احذف عرضًا منتهيًا أولًا.
promotions-validation-date = اكتب التاريخ والوقت بصيغة RFC 3339، مثل 2026-03-01T00:00:00+03:00.
promotions-validation-percent = تُكتب النسبة بأجزاء العشرة آلاف، من 1 إلى { $max } (2000 تعني 20 %).
promotions-validation-scope-required = اختر منتجًا أو تصنيفًا واحدًا على الأقل.
promotions-validation-ends-after-starts = يجب أن يكون الانتهاء بعد البدء.
promotions-validation-too-long = لا تزيد مدة العرض عن { $max ->
    [zero] صفر يوم
    [one] يوم واحد
    [two] يومين
    [few] { $max } أيام
    [many] { $max } يومًا
   *[other] { $max } يوم
}.
promotions-validation-ends-past = يجب أن يكون الانتهاء في المستقبل.
promotions-validation-too-many = لا يزيد العدد عن { $max ->
    [zero] صفر
    [one] عنصر واحد
    [two] عنصرين
    [few] { $max } عناصر
    [many] { $max } عنصرًا
   *[other] { $max } عنصر
}.
promotions-validation-product-unknown = المنتج { $id } ليس من منتجات هذا المتجر.
promotions-validation-category-unknown = التصنيف { $id } غير موجود.
