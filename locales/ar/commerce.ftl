# السلة والدفع والطلبات والمدفوعات والمحفظة وتحويلات المتاجر.

cart-product-unavailable = هذا المنتج لم يعد متاحًا.
cart-only-left = { $count ->
    [0] نفدت الكمية من المخزون.
    [one] بقيت قطعة واحدة فقط في المخزون.
    [two] بقيت قطعتان فقط في المخزون.
    [few] بقيت { $count } قطع فقط في المخزون.
   *[other] بقيت { $count } قطعة فقط في المخزون.
}
cart-full = تتسع السلة لـ { $max } منتجًا مختلفًا على الأكثر.

checkout-address-unknown = اختر أحد عناوينك المحفوظة.
checkout-card-unavailable = الدفع بالبطاقة غير متاح حاليًا. ادفع من المحفظة أو نقدًا.
checkout-cart-empty = سلتك فارغة.
checkout-cart-invalid = بعض المنتجات في سلتك لا يمكن شراؤها كما هي. راجع السلة.
checkout-out-of-stock = نفد «{ $name }» من المخزون الآن.
checkout-coupon-code-invalid = أدخل رمز قسيمة لا يزيد على 40 حرفًا.

order-illegal-transition = لا يمكن نقل طلب حالته { $from } إلى { $to }.

payment-amount-positive = يجب أن يكون المبلغ أكبر من صفر.
payment-refund-exceeds = هذا أكثر من المتبقي القابل للاسترداد.
payment-refund-nothing = لا يوجد في هذا الطلب ما يمكن استرداده.
payment-session-closed = عملية الدفع هذه مغلقة. ابدأ من جديد من صفحة طلباتك.
payment-webhook-unauthenticated = ترويسة الإشعار مفقودة أو غير صحيحة.

wallet-insufficient-funds = رصيد محفظتك لا يكفي لهذه العملية.
payout-exceeds-balance = هذا أكثر مما يستحقه هذا المتجر لدى المنصة.

idempotency-key-required = أرسل ترويسة Idempotency-Key (حتى 200 حرف ظاهر) مع هذا الطلب.
idempotency-key-reused = استُخدم مفتاح Idempotency-Key هذا من قبل لطلب مختلف.
cashback-ends-before-start = يجب أن تأتي النهاية بعد البداية.

order-not-awaiting-payment = هذا الطلب لا ينتظر دفعًا.
order-payment-window-closed = انتهت مهلة دفع هذا الطلب؛ سيُلغى وتُعاد منتجاته.
