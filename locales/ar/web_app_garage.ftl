# مرآب العميل في التطبيق (/app/account/garage): السيارات المحفوظة وإضافة
# سيارة، و«تناسب سيارتي» عند التصفح، وملاحظة التوافق في صفحة المنتج.

## المرآب
gr-title = مرآبي
gr-hint = سياراتك، لتجد القطع التي تناسبها
gr-add = أضف سيارة
gr-empty-title = لا سيارات بعد
gr-empty-text = أضف سيارتك وسنعرض لك القطع التي تناسبها.
gr-default = الافتراضية
gr-vin = رقم الهيكل
gr-make-default = اجعلها الافتراضية
gr-delete = حذف
gr-delete-confirm = هل تحذف «{ $car }» من مرآبك؟
gr-deleted = حُذفت السيارة من مرآبك.
gr-defaulted = أصبحت «{ $car }» سيارتك الافتراضية.
gr-created = أُضيفت «{ $car }» إلى مرآبك.
gr-nickname = اسم مختصر (اختياري)
gr-nickname-hint = مثال: سيارتي أو سيارة الوالد.
gr-set-default = اجعلها سيارتي الافتراضية
gr-save = احفظ السيارة
gr-year-digits = اكتب السنة بالأرقام، مثل ٢٠١٦.

## التصفح وصفحة المنتج
gr-fits-filter = تناسب سيارتي
gr-fits-any = أي سيارة
gr-fits = تناسب سيارتك { $car }.
gr-may-not-fit = قد لا تناسب سيارتك { $car }.
gr-check-fitment = اطّلع على السيارات التي تناسبها
gr-add-to-check = أضف سيارتك لتتحقق من التوافق
