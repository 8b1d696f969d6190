## تصنيف السيارات وأقسام القطع
taxonomy-slug-format = استخدم حروفًا لاتينية صغيرة (a–z) وأرقامًا وشرطات، بحد أقصى { $max ->
    [zero] صفر حرف
    [one] حرف واحد
    [two] حرفين
    [few] { $max } أحرف
    [many] { $max } حرفًا
   *[other] { $max } حرف
}.
taxonomy-slug-taken = هذا المعرّف النصي (slug) مستخدم بالفعل.
taxonomy-year-to-before-from = لا يمكن أن تسبق سنة النهاية سنة البداية ({ $year }).
taxonomy-make-unknown = لا توجد شركة مصنّعة بهذا المعرّف.
taxonomy-body-type-unknown = لا يوجد نوع هيكل بهذا المعرّف.
taxonomy-parent-unknown = لا يوجد قسم بهذا المعرّف.
taxonomy-category-cycle = لا يمكن نقل القسم تحت نفسه أو تحت أحد أقسامه الفرعية.
taxonomy-make-has-models = لا تزال لهذه الشركة { $count ->
    [zero] طرازات
    [one] طراز واحد
    [two] طرازان
    [few] { $count } طرازات
    [many] { $count } طرازًا
   *[other] { $count } طراز
}؛ احذفها أولًا.
taxonomy-category-has-children = لا يزال لهذا القسم { $count ->
    [zero] أقسام فرعية
    [one] قسم فرعي واحد
    [two] قسمان فرعيان
    [few] { $count } أقسام فرعية
    [many] { $count } قسمًا فرعيًا
   *[other] { $count } قسم فرعي
}؛ احذفها أو انقلها أولًا.
taxonomy-body-type-in-use = { $count ->
    [zero] لا تستخدم الطرازات
    [one] يستخدم طراز واحد
    [two] يستخدم طرازان
    [few] تستخدم { $count } طرازات
    [many] يستخدم { $count } طرازًا
   *[other] يستخدم { $count } طراز
} نوع الهيكل هذا؛ غيّرها أولًا.
taxonomy-in-use-by-products = { $count ->
    [zero] لا منتجات تستخدم
    [one] منتج واحد يستخدم
    [two] منتجان يستخدمان
    [few] { $count } منتجات تستخدم
    [many] { $count } منتجًا يستخدم
   *[other] { $count } منتج يستخدم
} هذا العنصر؛ عدّلها أو احذفها أولًا.
