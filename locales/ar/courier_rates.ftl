## جدول أسعار مندوب التوصيل المحلي: رسائل واجهته البرمجية وصفحة الإدارة وتسميات سجل التدقيق.

courier-rate-band-taken = لهذه الوجهة شريحة بهذا الوزن بالفعل. عدّل تلك الشريحة بدلًا من ذلك.
courier-rate-table-full = يتّسع جدول الأسعار لـ { $max } شريحة على الأكثر. احذف بعضها أولًا.

audit-entity-courier-rate = سعر التوصيل
audit-action-courier-rate-create = أُضيف سعر توصيل
audit-action-courier-rate-update = عُدّل سعر توصيل
audit-action-courier-rate-delete = حُذف سعر توصيل

crt-title = أسعار التوصيل
crt-subtitle = ما يتقاضاه مندوب التوصيل المحلي حسب مدينة الوجهة ووزن الشحنة. تُطبَّق أخف شريحة تتسع للشحنة، والمدينة التي ليس لها شرائح خاصة تُسعَّر بشرائح «أي مدينة أخرى».
crt-anywhere = أي مدينة أخرى
crt-anywhere-hint = كل مدينة ليس لها شرائح خاصة بها.
crt-legacy-hint = اسم مدينة مكتوب لا تعرفه قائمة المدن؛ يُسعِّر العناوين المكتوبة بالاسم نفسه.
crt-bands = { $count ->
    [zero] لا شرائح
    [one] شريحة واحدة
    [two] شريحتان
    [few] { $count } شرائح
    [many] { $count } شريحة
   *[other] { $count } شريحة
}
crt-up-to = حتى { $weight } كغ
crt-col-weight = وزن الشحنة
crt-col-fee = الرسوم
crt-add = إضافة سعر
crt-add-band = إضافة شريحة
crt-add-title = إضافة سعر
crt-edit-title = تعديل الشريحة
crt-edit = تعديل
crt-delete = حذف
crt-delete-q = حذف شريحة «حتى { $weight } كغ» في { $city }؟
crt-city = مدينة الوجهة
crt-city-hint = شرائح «أي مدينة أخرى» تُسعِّر كل مدينة ليس لها شرائح خاصة بها.
crt-weight = حتى (كغ)
crt-weight-hint = أثقل شحنة تتسع لها الشريحة: من 0.001 إلى 1,000 كغ.
crt-fee = الرسوم (ر.س)
crt-fee-hint = ما يتقاضاه المندوب قبل ضريبة القيمة المضافة.
crt-weight-invalid = أدخل وزنًا بين 0.001 و1,000 كغ، مثل 5 أو 2.5.
crt-fee-invalid = أدخل مبلغًا بين 0 و1,000,000 ر.س، مثل 25 أو 25.50.
crt-added = أُضيف السعر.
crt-saved = حُفظت الشريحة.
crt-deleted = حُذفت الشريحة.
crt-empty-title = لا أسعار توصيل بعد
crt-empty-text = أضف شرائح «أي مدينة أخرى» أولًا: إن لم تتسع شريحة للشحنة فلن يمكن توصيلها عند الدفع.
crt-no-region = مدن أخرى
