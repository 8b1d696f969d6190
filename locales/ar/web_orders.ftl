## لوحات الويب: طلبات المتجر (لوحة الشركاء)، والطلبات والمحافظ ودفتر الأستاذ (لوحة الإدارة)

web-orders-title = الطلبات
web-orders-order = الطلب
web-orders-count = { $count ->
    [zero] لا توجد طلبات
    [one] طلب واحد
    [two] طلبان
    [few] { $count } طلبات
    [many] { $count } طلبًا
   *[other] { $count } طلب
}
web-orders-none = لا توجد طلبات هنا.
web-orders-number = رقم الطلب
web-orders-date = التاريخ
web-orders-customer-city = مدينة العميل
web-orders-amount-due = المبلغ المستحق
web-orders-payment-method = طريقة الدفع
web-orders-items = المنتجات
web-orders-quantity = الكمية
web-orders-unit-price = سعر الوحدة
web-orders-line-total = الإجمالي
web-orders-amounts = المبالغ
web-orders-subtotal = المجموع الفرعي
web-orders-delivery-fee = رسوم التوصيل
web-orders-vat = ضريبة القيمة المضافة (15٪)
web-orders-total = الإجمالي
web-orders-discount = الخصم
web-orders-address = عنوان التوصيل
web-orders-address-label = اسم العنوان
web-orders-address-recipient = المستلم
web-orders-address-phone = الجوال
web-orders-address-city = المدينة
web-orders-address-district = الحي
web-orders-address-street = الشارع
web-orders-address-details = تفاصيل
web-orders-address-note = ملاحظة العميل
web-orders-history = سجل الحالات
web-orders-reject-prompt = ما سبب رفض الطلب؟ سيظهر السبب للعميل.
web-orders-step-unknown = هذه الخطوة ليست من خطوات المتجر.

## حالات الطلب
web-orders-status-pending_payment = بانتظار الدفع
web-orders-status-confirmed = جديد
web-orders-status-accepted = مقبول
web-orders-status-preparing = قيد التجهيز
web-orders-status-shipped = تم الشحن
web-orders-status-ready_for_pickup = جاهز للشحن
web-orders-status-delivered = تم التوصيل
web-orders-status-cancelled = ملغى
web-orders-status-rejected = مرفوض
web-orders-status-refunded = مسترد

## أزرار خطوات المتجر
web-orders-step-accepted = قبول
web-orders-step-rejected = رفض
web-orders-step-preparing = بدء التجهيز
web-orders-step-shipped = تأكيد الشحن
web-orders-step-ready_for_pickup = جاهز للشحن
web-orders-step-delivered = تأكيد التوصيل

## من نفّذ الخطوة
web-orders-actor-customer = العميل
web-orders-actor-store = المتجر
web-orders-actor-admin = الإدارة
web-orders-actor-system = النظام

## المدفوعات
web-orders-method-card = بطاقة
web-orders-method-wallet = المحفظة
web-orders-method-cash = الدفع عند الاستلام
web-orders-payments = المدفوعات
web-orders-no-payments = لا توجد مدفوعات بعد.
web-orders-amount = المبلغ
web-orders-refunded = المسترد
web-orders-captured-at = وقت التحصيل
web-orders-payment-state-pending = معلّق
web-orders-payment-state-authorised = مفوَّض
web-orders-payment-state-captured = محصَّل
web-orders-payment-state-partially_refunded = مسترد جزئيًا
web-orders-payment-state-refunded = مسترد
web-orders-payment-state-failed = فشل
web-orders-payment-state-cancelled = ملغى
web-orders-refunds = المبالغ المستردة
web-orders-no-refunds = لا توجد مبالغ مستردة.
web-orders-refund-destination = رُدّ إلى
web-orders-destination-card = البطاقة
web-orders-destination-wallet = المحفظة
web-orders-refund-state-pending = معلّق
web-orders-refund-state-succeeded = تم
web-orders-refund-state-failed = فشل

## إجراءات الإدارة على الطلب
web-orders-force-title = تغيير الحالة
web-orders-force-help = ينقل الطلب كما تسمح آلة الحالات للإدارة. يُحفظ السبب في سجل التدقيق.
web-orders-force-none = لا توجد خطوة تالية لهذا الطلب.
web-orders-new-status = الحالة الجديدة
web-orders-reason = السبب
web-orders-force-submit = تغيير الحالة
web-orders-refund-title = استرداد مبلغ
web-orders-amount-sar = المبلغ (ر.س)
web-orders-amount-invalid = أدخل المبلغ بالريال، مثل 25.00 (منزلتان عشريتان على الأكثر).
web-orders-refund-submit = استرداد
web-orders-form-expired = انتهت صلاحية هذا النموذج. افتح الصفحة من جديد وأعد الإرسال.
web-orders-done-status = تم تغيير الحالة.
web-orders-done-refund = تم تسجيل الاسترداد.

## المحافظ
web-orders-wallet-title = المحفظة
web-orders-wallet-balance = الرصيد
web-orders-wallet-export = تصدير كل حركات المحافظ (CSV)
web-orders-wallet-credit = إيداع في المحفظة
web-orders-wallet-debit = خصم من المحفظة
web-orders-wallet-submit-credit = إيداع
web-orders-wallet-submit-debit = خصم
web-orders-wallet-done-credit = تم الإيداع في المحفظة.
web-orders-wallet-done-debit = تم الخصم من المحفظة.
web-orders-wallet-movements = الحركات
web-orders-wallet-movements-count = { $count ->
    [zero] لا توجد حركات
    [one] حركة واحدة
    [two] حركتان
    [few] { $count } حركات
    [many] { $count } حركة
   *[other] { $count } حركة
}
web-orders-wallet-no-movements = لا توجد حركات بعد.
web-orders-wallet-kind = النوع
web-orders-wallet-balance-after = الرصيد بعدها
web-orders-ledger-kind-wallet_credit = إيداع من الإدارة
web-orders-ledger-kind-wallet_debit = خصم من الإدارة
web-orders-ledger-kind-cashback = استرداد نقدي (كاش باك)
web-orders-ledger-kind-payment_captured = دفعة
web-orders-ledger-kind-refund = استرداد
web-orders-ledger-kind-payout = تحويل مستحقات
web-orders-ledger-kind-cash_collected = تحصيل نقدي
web-orders-ledger-kind-cash_retained = نقد احتفظ به المتجر
web-orders-ledger-kind-target_settled = تسوية
web-orders-ledger-kind-settlement_reversed = إلغاء تسوية

## مطابقة دفتر الأستاذ
web-orders-finance-title = المالية
web-orders-reconcile = مطابقة دفتر الأستاذ
web-orders-reconcile-ok = متوازن
web-orders-reconcile-mismatch = غير متطابق
web-orders-reconcile-help = يُقارن الرصيد المخزَّن لكل حساب بمجموع قيوده، ويجب أن يكون مجموع كل معاملة صفرًا.
web-orders-reconcile-empty = لا توجد حسابات بعد.
web-orders-account-kind = نوع الحساب
web-orders-accounts = الحسابات
web-orders-cached-total = الأرصدة المخزَّنة
web-orders-entries-total = مجموع القيود
web-orders-mismatched = حسابات مختلفة
web-orders-unbalanced = { $count ->
    [zero] كل المعاملات متوازنة.
    [one] معاملة واحدة غير متوازنة.
    [two] معاملتان غير متوازنتين.
    [few] { $count } معاملات غير متوازنة.
    [many] { $count } معاملة غير متوازنة.
   *[other] { $count } معاملة غير متوازنة.
}
web-orders-account-customer_wallet = محافظ العملاء
web-orders-account-order_escrow = أمانات الطلبات المدفوعة
web-orders-account-store_payable = مستحقات المتاجر
web-orders-account-rep_payable = مستحقات المندوبين
web-orders-account-gateway_clearing = مقاصة بوابة الدفع
web-orders-account-cash_in_transit = نقد قيد التحويل
web-orders-account-platform_revenue = إيرادات المنصة
web-orders-account-vat_payable = ضريبة القيمة المضافة المستحقة
web-orders-account-promotions_expense = مصروفات العروض
web-orders-account-cashback_expense = مصروفات الكاش باك
web-orders-account-adjustments = التسويات اليدوية
web-orders-account-bank = البنك
