## صفحات الإدارة: التجار من خارج المنصة، واستيراد كتالوجاتهم ودفعاتهم، وطلبات قطعهم

adm-ext-merchants-title = التجار
adm-ext-merchants-subtitle = مستوردون وتجار جملة بلا متجر على المنصة: تُستورد كتالوجاتهم من ملفات CSV وتُطلب قطعهم عبر المنصة.
adm-ext-merchants-list = كل التجار
adm-ext-merchants-count = { $count ->
    [zero] لا يوجد تجار
    [one] تاجر واحد
    [two] تاجران
    [few] { $count } تجار
    [many] { $count } تاجرًا
   *[other] { $count } تاجر
}
adm-ext-merchants-empty-title = لا يوجد تجار بعد
adm-ext-merchants-empty-text = أضف تاجرًا، ثم استورد كتالوجه من ملف CSV.
adm-ext-merchant = التاجر
adm-ext-merchant-new = إضافة تاجر
adm-ext-merchant-create = أضف التاجر
adm-ext-merchant-edit = تعديل التاجر
adm-ext-merchant-subtitle = تاجر من خارج المنصة: كتالوجه، وما تدين به المنصة له، وعمليات استيراده.
adm-ext-form-help = بيانات التاجر النظامية، والمدن التي يوصل إليها، وعمولة المنصة على قطعه.

adm-ext-identity = البيانات النظامية
adm-ext-cr-hint = ١٠ أرقام.
adm-ext-vat-hint = ١٥ رقمًا، يبدأ بالرقم 3 وينتهي به.
adm-ext-cr-taken = لدى تاجر آخر رقم السجل التجاري هذا.
adm-ext-contact = التواصل
adm-ext-email = البريد الإلكتروني للطلبات
adm-ext-email-hint = يُرسل إليه كل طلب لقطع هذا التاجر.
adm-ext-locale = اللغة
adm-ext-locale-hint = اللغة التي تُكتب بها رسائل الطلبات إلى التاجر.
adm-ext-locale-ar = العربية
adm-ext-locale-en = الإنجليزية
adm-ext-delivery = التوصيل
adm-ext-lead-time = مدة التجهيز
adm-ext-lead-time-hint = عدد الأيام التي يحتاجها التاجر لشحن الطلب، من 0 إلى 90. يراها العملاء على كل قطعة.
adm-ext-lead-time-note = حتى يشحن التاجر
adm-ext-lead-days = { $count ->
    [zero] في اليوم نفسه
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
adm-ext-cities = المدن
adm-ext-cities-hint = المدن التي يوصل إليها التاجر، تفصل بينها فواصل. اتركها فارغة للتوصيل إلى كل المدن.
adm-ext-everywhere = كل المدن
adm-ext-cities-count = { $count ->
    [one] مدينة واحدة
    [two] مدينتان
    [few] { $count } مدن
    [many] { $count } مدينة
   *[other] { $count } مدينة
}
adm-ext-status-active = نشط
adm-ext-status-inactive = غير نشط
adm-ext-status-hint = لا تظهر قطع التاجر غير النشط للعملاء.
adm-ext-commission-label = العمولة (٪)
adm-ext-commission-hint = حصة المنصة من المجموع الفرعي لكل طلب، من 0 إلى 100، مثل 8 أو 8.5.
adm-ext-commission-note = من المجموع الفرعي لكل طلب
adm-ext-facts = بيانات التاجر

adm-ext-owed = المستحق للتاجر
adm-ext-owed-note = طلبات مسوّاة لم تُدفع له بعد
adm-ext-payout-title = دفعة للتاجر
adm-ext-payout-help = سجّل تحويلًا بنكيًا أُرسل إلى التاجر. لا يتجاوز المبلغ ما يستحقه التاجر.
adm-ext-payout-hidden = يتطلب تسجيل الدفعات صلاحية المالية.
adm-ext-payout-nothing = لا تدين المنصة لهذا التاجر بشيء الآن.
adm-ext-payout-reference = مرجع التحويل
adm-ext-payout-reference-hint = مرجع التحويل لدى البنك، ويُحفظ مع الدفعة.
adm-ext-payout-submit = سجّل الدفعة
adm-ext-payout-exceeds = هذا أكثر مما تدين به المنصة لهذا التاجر.
adm-ext-toast-paid = تم تسجيل دفعة بمبلغ { $amount }.

adm-ext-import-title = استيراد الكتالوج
adm-ext-import-help = ارفع كتالوج التاجر كاملًا في ملف CSV (بترميز UTF-8 وبسطر عناوين القالب). تُطابق القطع برمز SKU: تُضاف الجديدة وتُحدّث المتغيرة، وتصبح القطع التي لم يعد الملف يذكرها غير متاحة. الملف الذي تتعذر قراءته لا يغيّر شيئًا.
adm-ext-import-template = نزّل القالب
adm-ext-import-file = ملف CSV
adm-ext-import-file-hint = يجب أن يكون السطر الأول سطر عناوين القالب، وأن يضم كل صف أعمدته الـ 11.
adm-ext-import-submit = استيراد
adm-ext-import-again = استيراد من جديد
adm-ext-import-columns = الأعمدة
adm-ext-import-no-file = اختر ملف CSV لاستيراده.
adm-ext-import-too-large = الملف أكبر من { $mb } ميغابايت، وهو أقصى حجم للاستيراد الواحد. لم يُستورد شيء.
adm-ext-col-sku = رمز القطعة لدى التاجر، لا يتكرر في الملف (64 حرفًا على الأكثر). يحدّث الاستيراد القطعة ذات الرمز نفسه.
adm-ext-col-name-ar = اسم القطعة بالعربية (مطلوب، 200 حرف على الأكثر).
adm-ext-col-name-en = اسم القطعة بالإنجليزية (مطلوب، 200 حرف على الأكثر).
adm-ext-col-price = السعر بالريال قبل ضريبة القيمة المضافة، أكبر من صفر وبمنزلتين عشريتين على الأكثر، مثل 125.50.
adm-ext-col-stock = عدد القطع في المخزون، عدد صحيح من 0.
adm-ext-col-oem-numbers = اختياري: أرقام OEM تفصل بينها |، وعددها 20 على الأكثر.
adm-ext-col-category = اختياري: المعرّف النصي للفئة، مثل lights.
adm-ext-col-make = اختياري: المعرّف النصي لماركة السيارة، مثل hyundai.
adm-ext-col-model = اختياري: المعرّف النصي للطراز، مثل sonata؛ ويتطلب الماركة.
adm-ext-col-year-from = اختياري: أول سنة صنع تناسبها القطعة (4 أرقام)؛ ويتطلب الماركة.
adm-ext-col-year-to = اختياري: آخر سنة صنع تناسبها القطعة (4 أرقام)؛ ويتطلب الماركة.
adm-ext-toast-imported = تم استيراد الكتالوج. الجديدة: { $created }، المحدّثة: { $updated }، الصفوف المرفوضة: { $failed }.

adm-ext-imports-title = عمليات الاستيراد
adm-ext-imports-count = { $count ->
    [zero] لا توجد عمليات استيراد
    [one] عملية استيراد واحدة
    [two] عمليتا استيراد
    [few] { $count } عمليات استيراد
    [many] { $count } عملية استيراد
   *[other] { $count } عملية استيراد
}
adm-ext-imports-empty-title = لا توجد عمليات استيراد بعد
adm-ext-imports-empty-text = تظهر هنا عمليات استيراد كتالوج التاجر وتقاريرها.
adm-ext-import-status-done = تم الاستيراد
adm-ext-import-status-failed = فشل
adm-ext-file = الملف
adm-ext-rows = الصفوف
adm-ext-rows-note = صفوف البيانات في الملف
adm-ext-created = جديدة
adm-ext-created-note = قطع أُضيفت
adm-ext-updated = محدّثة
adm-ext-updated-note = قطع تغيرت بياناتها
adm-ext-unchanged = دون تغيير
adm-ext-unchanged-note = قطع محدّثة من قبل
adm-ext-deactivated = أصبحت غير متاحة
adm-ext-deactivated-note = قطع لم يعد الملف يذكرها
adm-ext-refused = الصفوف المرفوضة
adm-ext-refused-note = صفوف لم تُستورد

adm-ext-report-title = تقرير الاستيراد
adm-ext-report-failed = تعذرت قراءة الملف، فلم يُستورد شيء.
adm-ext-errors-title = الصفوف المرفوضة
adm-ext-errors-hint = أول ١٬٠٠٠ مشكلة، بترتيب الصفوف.
adm-ext-errors-none-title = استُورد كل صف
adm-ext-errors-none-text = لم يُرفض أي صف من الملف.
adm-ext-errors-none-failed-title = لم يُستورد شيء
adm-ext-errors-none-failed-text = أصلح الملف كما تقول الرسالة أعلاه، ثم استورده من جديد.
adm-ext-error-row = الصف
adm-ext-error-column = العمود
adm-ext-error-reason = السبب

adm-ext-orders-title = الطلبات الخارجية
adm-ext-orders-subtitle = طلبات العملاء لقطع التجار من الدفع حتى التسليم: أكّدها، واطلبها من التاجر، ثم اشحنها وسلّمها.
adm-ext-orders-count = { $count ->
    [zero] لا توجد طلبات
    [one] طلب واحد
    [two] طلبان
    [few] { $count } طلبات
    [many] { $count } طلبًا
   *[other] { $count } طلب
}
adm-ext-orders-empty-title = لا توجد طلبات هنا
adm-ext-orders-empty-text = لا يوجد طلب لقطعة تاجر بهذه الحالة.
adm-ext-part = القطعة
adm-ext-sku = رمز SKU
adm-ext-next-steps = الخطوات التالية
adm-ext-order-status-placed = جديد
adm-ext-order-status-confirmed = مؤكد
adm-ext-order-status-ordered = طُلب من التاجر
adm-ext-order-status-shipped = تم الشحن
adm-ext-order-status-delivered = تم التسليم
adm-ext-order-status-cancelled = ملغى
adm-ext-order-status-refunded = مسترد
adm-ext-step-confirmed = تأكيد
adm-ext-step-ordered = اطلب من التاجر
adm-ext-step-shipped = تم الشحن
adm-ext-step-delivered = تم التسليم
adm-ext-step-cancelled = إلغاء
adm-ext-step-refunded = استرداد
adm-ext-step-q-cancelled = إلغاء هذا الطلب؟ يعود مخزونه ويُسترد أي مبلغ دُفع.
adm-ext-step-q-refunded = استرداد مبلغ هذا الطلب المسلَّم كاملًا؟
adm-ext-toast-step = الطلب { $number }: { $status }.
adm-ext-toast-created = تمت إضافة { $name }.
adm-ext-toast-saved = تم حفظ { $name }.
