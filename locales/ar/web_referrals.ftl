## الدعوات: بطاقة "ادعُ أصدقاءك" في التطبيق وصفحة المشرفين
web-ref-title = ادعُ أصدقاءك
web-ref-explain = يحصل صديقك على { $friend } وتحصل أنت على { $you } في محفظتيكما عند توصيل طلبه الأول.
web-ref-your-code = رمزك
web-ref-link = رابط المشاركة
web-ref-link-hint = أرسله إلى صديق، ويمكنه أيضًا كتابة رمزك في حسابه.
web-ref-stats = { $count ->
    [zero] لم ينضم أي صديق بعد.
    [one] انضم صديق واحد · ربحت { $earned }.
    [two] انضم صديقان · ربحت { $earned }.
    [few] انضم { $count } أصدقاء · ربحت { $earned }.
    [many] انضم { $count } صديقًا · ربحت { $earned }.
   *[other] انضم { $count } صديق · ربحت { $earned }.
}
web-ref-applied-pending = استخدمت رمز دعوة: تصلك مكافأتك مع توصيل طلبك الأول.
web-ref-applied-rewarded = أُضيفت مكافأة الدعوة إلى محفظتك.
web-ref-applied-revoked = أُلغي رمز الدعوة الذي استخدمته.
web-ref-apply-label = لديك رمز من صديق؟
web-ref-apply = استخدم الرمز
web-ref-toast-applied = طُبّق الرمز. تصلك مكافأتك مع توصيل طلبك الأول.
web-account-wallet-kind-referral_reward = مكافأة دعوة
web-orders-ledger-kind-referral_reward = مكافأة دعوة
web-ref-admin-title = الدعوات
web-ref-admin-subtitle = العملاء الذين انضموا برمز صديق، والمكافآت المدفوعة عند توصيل طلبهم الأول.
web-ref-search = الرمز أو الجوال
web-ref-count = { $count ->
    [zero] لا توجد دعوات
    [one] دعوة واحدة
    [two] دعوتان
    [few] { $count } دعوات
    [many] { $count } دعوة
   *[other] { $count } دعوة
}
web-ref-empty-title = لا توجد دعوات هنا
web-ref-empty-text = عندما يستخدم عميل رمز صديق يظهر هنا.
web-ref-col-code = الرمز
web-ref-col-referrer = الداعي
web-ref-col-referee = العميل الجديد
web-ref-col-rewards = المكافآت
web-ref-col-created = تاريخ الاستخدام
web-ref-unnamed = بلا اسم
web-ref-capped = بلغ الحد الشهري
web-ref-status-pending = بانتظار التوصيل
web-ref-status-rewarded = مكافأة مدفوعة
web-ref-status-revoked = ملغاة
web-ref-revoke = إلغاء
web-ref-revoke-q = لماذا تلغي هذه الدعوة؟ لن تُدفع مكافأتها.
web-ref-revoke-rewarded-q = لماذا تلغي هذه الدعوة؟ تبقى المكافآت المدفوعة في المحافظ.
web-ref-toast-revoked = أُلغيت الدعوة.
web-ref-copy = نسخ
web-ref-copied = نُسخ الرابط
