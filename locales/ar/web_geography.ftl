## صفحة المدن والأحياء في لوحة الإدارة
web-nav-geography = المدن والأحياء
web-geo-subtitle = مدن المملكة ومناطقها الإدارية وأحياؤها، تختارها العناوين والمتاجر.
web-geo-add-city = إضافة مدينة
web-geo-search = ابحث باسم المدينة
web-geo-empty-title = لا توجد مدن مطابقة
web-geo-empty-text = جرّب تهجئة أخرى أو أضف المدينة.
web-geo-region = المنطقة
web-geo-status = الحالة
web-geo-active = مفعّلة
web-geo-inactive = موقوفة
web-geo-edit-city = بيانات المدينة
web-geo-areas = الأحياء
web-geo-areas-empty = لا أحياء لهذه المدينة بعد
web-geo-add-area = إضافة حي
web-geo-city-added = أُضيفت المدينة.
web-geo-city-saved = حُفظت المدينة.
web-geo-area-added = أُضيف الحي.
