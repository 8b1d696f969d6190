# تطبيق العملاء على الويب (/app): التصفح والسلة والدفع والطلبات والفاتورة.

app-title = تسوّق قطع الغيار
app-signin-title = سجّل الدخول للتسوّق
app-signin-refused = هذا التطبيق للعملاء. للشركاء والمشرفين لوحاتهم الخاصة.
app-sign-in = تسجيل الدخول
app-sign-out = تسجيل الخروج
app-sign-in-to-buy = سجّل الدخول للشراء
app-nav-label = الأقسام الرئيسية
app-nav-browse = تسوّق
app-nav-cart = السلة
app-nav-orders = الطلبات
app-previous = السابق
app-next = التالي
app-page-of = صفحة { $page } من { $pages }

app-browse-title = قطع الغيار
app-search = بحث
app-search-label = ابحث عن قطعة
app-search-placeholder = اسم القطعة أو الماركة أو رقم القطعة الأصلي
app-category = الفئة
app-category-all = كل الفئات
app-results-count = { $count ->
    [zero] لا توجد منتجات
    [one] منتج واحد
    [two] منتجان
    [few] { $count } منتجات
   *[other] { $count } منتجًا
}
app-no-results = لا شيء يطابق بحثك. جرّب كلمات أخرى أو فئة أخرى.
app-out-of-stock = نفدت الكمية
app-available = متوفر
app-in-stock = { $count ->
    [one] بقيت قطعة واحدة فقط
    [two] بقيت قطعتان فقط
    [few] { $count } قطع متوفرة
   *[other] { $count } قطعة متوفرة
}
app-price-excludes-vat = السعر لا يشمل ضريبة القيمة المضافة { $rate }.
app-store = المتجر
app-condition = الحالة
app-brand = الماركة
app-oem = أرقام القطعة الأصلية
app-variant = الخيار
app-quantity = الكمية
app-add-to-cart = أضف إلى السلة
app-added-to-cart = أُضيف إلى سلتك.
app-view-cart = عرض السلة
app-description = الوصف
app-fitment = تناسب
app-fitment-none = لم تُذكر السيارات المناسبة لهذه القطعة.
app-fitment-all-years = كل السنوات

app-condition-new = جديد
app-condition-like_new = شبه جديد
app-condition-used = مستعمل
app-condition-refurbished = مُجدَّد

app-cart-title = سلتك
app-cart-empty = سلتك فارغة.
app-continue-shopping = تابع التسوّق
app-update = تحديث
app-remove = إزالة
app-subtotal = المجموع الفرعي
app-delivery = التوصيل
app-delivery-estimate = التوصيل (تقديري)
app-delivery-quoted-to = رسوم التوصيل بتسعير شركة الشحن إلى { $address }. قد يضيف الدفع عند الاستلام رسوم شركة الشحن عند إتمام الطلب.
app-delivery-estimate-note = رسوم التوصيل تقديرية حتى تُسعَّر لعنوانك عند إتمام الطلب.
app-vat = ضريبة القيمة المضافة ({ $rate })
app-store-total = إجمالي المتجر
app-total = الإجمالي
app-checkout = إتمام الشراء
app-cart-not-ready = عالج المنتجات المشار إليها أعلاه قبل إتمام الشراء.

app-checkout-title = إتمام الشراء
app-address = عنوان التوصيل
app-no-address = ليس لديك عنوان محفوظ بعد. أضف عنوانًا في تطبيق قطع أولًا.
app-payment-method = طريقة الدفع
app-method-card = بطاقة (مدى، فيزا، ماستركارد)
app-method-wallet = المحفظة
app-method-cash = الدفع عند الاستلام
app-wallet-balance = الرصيد
app-wallet-not-enough = رصيد محفظتك أقل من إجمالي هذا الطلب.
app-coupon = رمز القسيمة
app-coupon-placeholder = مثل WELCOME10
app-coupon-applied-later = يُخصم مبلغ القسيمة عند تأكيد الطلب.
app-note = ملاحظة للمتجر
app-order-summary = ملخص الطلب
app-place-order = تأكيد الطلب
app-checkout-method-required = اختر طريقة الدفع.

app-orders-title = طلباتي
app-orders-count = { $count ->
    [zero] لا توجد طلبات بعد
    [one] طلب واحد
    [two] طلبان
    [few] { $count } طلبات
   *[other] { $count } طلبًا
}
app-orders-none = لم تطلب شيئًا بعد.
app-items-count = { $count ->
    [zero] لا قطع
    [one] قطعة واحدة
    [two] قطعتان
    [few] { $count } قطع
   *[other] { $count } قطعة
}
app-order-title = الطلب
app-items = المنتجات
app-discount = خصم القسيمة
app-amount-due = المبلغ المستحق
app-delivery-address = عنوان التوصيل
app-history = سجل الحالة
app-history-from = من «{ $status }»
app-pay-by = ادفع قبل { $time } وإلا أُلغي الطلب.
app-payments = المدفوعات
app-refunds = المبالغ المستردة
app-refunded = مُسترد
app-refund-to = إلى { $destination }
app-invoice = الفاتورة الضريبية
app-cancel-order = إلغاء الطلب
app-cancel-confirm = هل تريد إلغاء هذا الطلب؟

app-order-status-pending_payment = بانتظار الدفع
app-order-status-confirmed = مؤكَّد
app-order-status-accepted = قبله المتجر
app-order-status-preparing = قيد التجهيز
app-order-status-shipped = تم الشحن
app-order-status-ready_for_pickup = جاهز للشحن
app-order-status-delivered = تم التسليم
app-order-status-cancelled = ملغى
app-order-status-rejected = رفضه المتجر
app-order-status-refunded = مُسترد

app-payment-state-pending = قيد الانتظار
app-payment-state-authorised = مُفوَّض
app-payment-state-captured = مدفوع
app-payment-state-partially_refunded = مُسترد جزئيًا
app-payment-state-refunded = مُسترد
app-payment-state-failed = فشل
app-payment-state-cancelled = ملغى

app-actor-customer = أنت
app-actor-store = المتجر
app-actor-admin = دعم قطع
app-actor-system = قطع

app-back-to-order = العودة إلى الطلب
app-print = طباعة
app-invoice-title = فاتورة ضريبية مبسطة
app-invoice-number = رقم الفاتورة
app-invoice-date = تاريخ الإصدار
app-invoice-order = رقم الطلب
app-invoice-seller = البائع
app-invoice-seller-address = عنوان البائع
app-invoice-vat-number = الرقم الضريبي
app-invoice-item = الوصف
app-invoice-qty = الكمية
app-invoice-unit-price = سعر الوحدة
app-invoice-line-total = المبلغ
app-invoice-delivery = رسوم التوصيل
app-invoice-subtotal = الإجمالي غير شامل الضريبة
app-invoice-vat = ضريبة القيمة المضافة
app-invoice-total = الإجمالي شامل الضريبة
app-invoice-platform-discount = خصم تتحمّله قطع
app-invoice-paid = المدفوع من العميل
app-invoice-currency = المبالغ بالريال السعودي (ر.س).
app-invoice-qr = رمز الاستجابة السريعة لهيئة الزكاة
app-pay-again-title = أكمل الدفع
app-pay-again-hint = ادفع بالبطاقة خلال المهلة المتبقية (مرة أخرى إن رُفضت دفعة سابقة)، أو من محفظتك.
app-pay-again-card = الدفع بالبطاقة
app-pay-again-wallet = الدفع من محفظتي
