## صفحة الإدارة: كتالوج الخدمات، كل خدمات المتاجر القابلة للحجز

asc-title = كتالوج الخدمات
asc-subtitle = خدمات كل المتاجر القابلة للحجز على المنصة، مرتبةً حسب المتجر ثم حسب ترتيبها في قائمته.
asc-count = { $count ->
    [zero] لا توجد خدمات
    [one] خدمة واحدة
    [two] خدمتان
    [few] { $count } خدمات
    [many] { $count } خدمة
   *[other] { $count } خدمة
}
asc-tab-active = النشطة
asc-tab-inactive = غير النشطة
asc-search = ابحث باسم الخدمة أو المتجر
asc-empty-title = لا توجد خدمات هنا
asc-empty-text = تضيف المتاجر الخدمات التي يحجزها العملاء من لوحة الشركاء، وتظهر هنا بعد إضافتها.
asc-empty-filtered = لا توجد خدمة تطابق هذا البحث أو هذه الحالة.

asc-item = الخدمة
asc-service = نوع الخدمة
asc-duration = المدة
asc-price = السعر
asc-no-price = لم يُحدَّد لها سعر بعد
asc-addons = الإضافات
asc-store-bookings = حجوزات هذا المتجر
asc-active = نشطة
asc-inactive = غير نشطة
