## صفحات الشحن: بطاقة التوصيل في طلب العميل، وشحنات المشرفين، وسجل إشعارات شركات الشحن.

## حالات الشحنة
shp-status-pending = جارٍ حجزها لدى شركة الشحن
shp-status-created = محجوزة لدى شركة الشحن
shp-status-picked_up = استلمها المندوب
shp-status-in_transit = في الطريق
shp-status-out_for_delivery = خرجت للتوصيل
shp-status-delivered = تم التوصيل
shp-status-returned = أُعيدت
shp-status-cancelled = أُلغيت
shp-status-in_progress = قيد التنفيذ

## شركات الشحن
shp-carrier-local = مندوب التوصيل المحلي
shp-carrier-oto = OTO

## مصدر الخطوة
shp-source-webhook = تحديث من شركة الشحن
shp-source-poll = استعلام لدى شركة الشحن
shp-source-store = تحديث من المتجر
shp-source-admin = تحديث من دعم قطعة
shp-source-system = قطعة

## نتيجة إشعار شركة الشحن
shp-verdict-applied = طُبّق
shp-verdict-duplicate = مكرر
shp-verdict-unauthorized = مفتاح خاطئ
shp-verdict-bad_signature = توقيع غير صالح
shp-verdict-malformed = تعذّرت قراءته
shp-verdict-unknown_order = طلب غير معروف

## صفحة طلب العميل: بطاقة التوصيل
shp-card-title = التوصيل
shp-carrier = شركة الشحن
shp-tracking-number = رقم التتبع
shp-track-at-carrier = تتبّع الشحنة في موقع شركة الشحن
shp-not-handed = لم يسلّم المتجر الطلب لشركة الشحن بعد.

## المشرف: الشحنات
shp-shipments-title = الشحنات
shp-shipments-subtitle = توصيل كل طلب لدى شركة الشحن، الأحدث تحديثًا أولًا: أعد محاولة حجز لم تقبله شركة الشحن، أو ألغِ شحنة.
shp-col-order = الطلب
shp-col-carrier = شركة الشحن
shp-col-status = الحالة
shp-col-raw-status = حالة شركة الشحن
shp-col-tracking = رقم التتبع
shp-col-attempts = المحاولات
shp-col-last-error = آخر خطأ
shp-col-updated = آخر تحديث
shp-shipments-empty-title = لا توجد شحنات هنا
shp-shipments-empty-text = تبدأ الشحنة عندما يجعل المتجر الطلب جاهزًا للشحن.
shp-retry = أعد المحاولة
shp-retried = أُعيدت إلى قائمة الانتظار
shp-toast-retried = ستُحجز الشحنة لدى شركة الشحن مرة أخرى
shp-cancel = ألغِ الشحنة
shp-cancel-q = هل تريد إلغاء شحنة الطلب { $number } لدى شركة الشحن؟ لن يُلغى الطلب نفسه.
shp-toast-cancelled = أُلغيت الشحنة
shp-page = الصفحة { $page }

## المشرف: سجل إشعارات شركات الشحن
shp-webhooks-title = سجل الإشعارات
shp-webhooks-subtitle = كل إشعار حالة أرسلته شركات الشحن، الأحدث أولًا، مع نتيجته وما غيّره.
shp-col-received = وقت الاستلام
shp-col-order-ref = مرجع الطلب
shp-col-verdict = النتيجة
shp-col-effect = الأثر
shp-webhooks-empty-title = لا توجد إشعارات بعد
shp-webhooks-empty-text = تظهر هنا تحديثات الحالة من شركة الشحن فور وصولها.

## الطرد المُعاد في صفحات الطلب
shp-note-returned_to_store = أُعيد الطرد إلى المتجر
shp-order-returned = أُعيد إلى المتجر: أرجعت شركة الشحن الطرد، لذا أُلغي الطلب.
shp-order-returned-refund = سيُردّ إليك ما دفعته (انظر المبالغ المستردة أدناه).
shp-order-returned-cash = لم يُحصَّل أي مبلغ، فلا شيء عليك دفعه.

## المشرف: مواقع الاستلام
shp-pickups-title = مواقع الاستلام
shp-pickups-subtitle = المكان الذي تستلم منه شركة الشحن طرود كل متجر، كما أُبلغت به. أعد مزامنة متجر تغيّر عنوانه: تتلقى شركة الشحن عنوانه الحالي برمز جديد للشحنات القادمة.
shp-pickups-search = ابحث باسم المتجر
shp-pickups-total = { $count } موقع
shp-col-store = المتجر
shp-col-code = الرمز
shp-col-told = العنوان لدى شركة الشحن
shp-col-store-now = عنوان المتجر الآن
shp-col-created = تاريخ الإنشاء
shp-address-unknown = غير مسجّل
shp-address-changed = تغيّر العنوان
shp-address-same = محدّث
shp-revision = الإصدار { $revision }
shp-resync = أعد المزامنة
shp-resync-q = هل تريد إرسال العنوان الحالي لـ{ $store } إلى شركة الشحن كموقع استلام جديد؟ تحتفظ الشحنات المحجوزة بالموقع القديم.
shp-resynced = تمت المزامنة
shp-toast-resynced = أصبح لدى شركة الشحن العنوان الحالي للمتجر
shp-pickups-empty-title = لا توجد مواقع استلام بعد
shp-pickups-empty-text = يُسجَّل موقع استلام المتجر مع أول شحنة له عبر شركة الشحن.
shp-pickups-none-found = لا يوجد متجر يطابق هذا البحث.
