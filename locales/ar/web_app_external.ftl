xp-from-importers = من المستوردين
xp-from-importers-hint = قطع من مورّدين خارجيين تُباع وتُوصَّل عبر قطع.
xp-external = من مستورد
xp-ships-in = { $count ->
    [0] يُشحن اليوم
    [one] يُشحن خلال يوم
    [two] يُشحن خلال يومين
    [few] يُشحن خلال { $count } أيام
   *[other] يُشحن خلال { $count } يومًا
}
xp-sku = رمز المنتج
xp-oem = أرقام القطع الأصلية
xp-stock = المتوفر
xp-external-note = تطلبها قطع من المورّد نيابة عنك ثم تُشحن إلى عنوانك. تابع كل خطوة في صفحة الطلب.
xp-add-address = أضف عنوانًا أولًا
xp-order = اطلبها
xp-ordered = تم إنشاء طلبك.
xp-sign-in = سجّل الدخول لتطلب
xp-status-placed = تم الطلب
xp-status-confirmed = مؤكد
xp-status-ordered = طُلب من المورّد
xp-status-shipped = تم الشحن
xp-status-delivered = تم التوصيل
xp-status-cancelled = ملغى
xp-status-refunded = مسترد
