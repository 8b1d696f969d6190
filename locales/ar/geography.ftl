## الدول والمناطق والمدن والأحياء
geography-slug-format = استخدم حروفًا لاتينية صغيرة (a–z) وأرقامًا وشرطات، بحد أقصى { $max ->
    [zero] صفر حرف
    [one] حرف واحد
    [two] حرفين
    [few] { $max } أحرف
    [many] { $max } حرفًا
   *[other] { $max } حرف
}.
geography-code-format = رمز الدولة حرفان لاتينيان كبيران (مثل SA).
geography-code-taken = رمز الدولة هذا مستخدم بالفعل.
geography-slug-taken = هذا المعرّف النصي (slug) مستخدم بالفعل.
geography-country-unknown = لا توجد دولة بهذا المعرّف.
geography-region-unknown = لا توجد منطقة بهذا المعرّف في هذه الدولة.
geography-region-not-for-area = لا تُحدَّد المنطقة للحي، بل للمدينة.
geography-city-unknown = لا توجد مدينة متاحة بهذا المعرّف.
geography-country-has-cities = لا يزال لهذه الدولة { $count ->
    [zero] مدن
    [one] مدينة واحدة
    [two] مدينتان
    [few] { $count } مدن
    [many] { $count } مدينة
   *[other] { $count } مدينة
}؛ احذفها أولًا.
geography-city-in-use = لا يمكن حذف المدينة: { $count ->
    [zero] لا عناوين أو متاجر
    [one] عنوان أو متجر واحد يستخدمها
    [two] عنوانان أو متجران يستخدمانها
    [few] { $count } عناوين ومتاجر تستخدمها
    [many] { $count } عنوانًا ومتجرًا تستخدمها
   *[other] { $count } عنوان ومتجر تستخدمها
}.
