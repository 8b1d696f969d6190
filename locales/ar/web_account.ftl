# صفحات حساب العميل في التطبيق (/app/account): الرئيسية، والملف الشخصي
# واللغة، والعناوين مع الخريطة، والمفضّلة، والمحفظة، والإشعارات، وتقييم
# الطلبات المسلَّمة، وطلب حذف الحساب.

## الرئيسية
web-account-nav = حسابي
web-account-title = حسابي
web-account-who = بياناتك
web-account-no-name = أضف اسمك
web-account-edit = تعديل
web-account-links = صفحات الحساب
web-account-wallet-balance = رصيد المحفظة
web-account-profile-hint = الاسم والبريد الإلكتروني ولغة التطبيق
web-account-addresses-hint = حيث نوصل إليك قطعك
web-account-favorites-hint = القطع والمتاجر التي حفظتها
web-account-wallet-hint = الرصيد والمبالغ المستردة والاسترداد النقدي
web-account-notifications-hint = تحديثات الطلبات والرسائل
web-account-orders-hint = تابع طلباتك وادفعها وقيّمها
web-account-delete-hint = { $count ->
    [zero] أغلق حسابك
    [one] أغلق حسابك بعد مهلة يوم واحد
    [two] أغلق حسابك بعد مهلة يومين
    [few] أغلق حسابك بعد مهلة { $count } أيام
    [many] أغلق حسابك بعد مهلة { $count } يومًا
   *[other] أغلق حسابك بعد مهلة { $count } يوم
}
web-account-unread = { $count ->
    [zero] لا إشعارات غير مقروءة
    [one] إشعار واحد غير مقروء
    [two] إشعاران غير مقروءين
    [few] { $count } إشعارات غير مقروءة
    [many] { $count } إشعارًا غير مقروء
   *[other] { $count } إشعار غير مقروء
}
web-account-delete-manage = أبقِ حسابي
web-account-delete-pending = سيُحذف حسابك في { $date }.
web-account-browse = تصفّح القطع
web-account-cancel = إلغاء
web-account-save = حفظ التغييرات

## الملف الشخصي واللغة
web-account-profile-title = الملف الشخصي واللغة
web-account-name = الاسم الكامل
web-account-name-hint = يظهر للمتاجر في طلباتك.
web-account-email = البريد الإلكتروني
web-account-email-hint = اختياري، للإيصالات وإشعارات الحساب.
web-account-phone = رقم الجوال
web-account-phone-hint = تسجّل الدخول بهذا الرقم، ولا يمكن تغييره من هنا.
web-account-language = اللغة المفضّلة
web-account-language-hint = يستخدمها التطبيق والرسائل النصية والإشعارات.
web-account-language-name-ar = العربية
web-account-language-name-en = English
web-account-profile-saved = حُفظ ملفك الشخصي.

## العناوين
web-account-addresses-title = العناوين
web-account-address-add = أضف عنوانًا
web-account-address-default = الافتراضي
web-account-address-make-default = اجعله الافتراضي
web-account-address-edit = تعديل
web-account-address-delete = حذف
web-account-address-delete-confirm = هل تحذف العنوان «{ $label }»؟
web-account-address-deleted = حُذف العنوان.
web-account-address-defaulted = أصبح «{ $label }» عنوانك الافتراضي.
web-account-address-created = حُفظ العنوان «{ $label }».
web-account-address-updated = عُدّل العنوان «{ $label }».
web-account-addresses-empty-title = لا عناوين محفوظة
web-account-addresses-empty-text = أضف المكان الذي نوصل إليه قطعك، ويُختار عنوانك الافتراضي عند الدفع.
web-account-address-new-title = عنوان جديد
web-account-address-edit-title = تعديل العنوان
web-account-address-label = اسم العنوان
web-account-address-label-hint = مثل: المنزل أو العمل.
web-account-address-recipient = اسم المستلم
web-account-address-phone = جوال المستلم
web-account-address-phone-placeholder = 05XXXXXXXX
web-account-address-city = المدينة
web-account-address-district = الحي
web-account-address-street = الشارع
web-account-address-details = المبنى والطابق وأقرب معلم
web-account-address-details-hint = يساعد المندوب على الوصول إلى بابك.
web-account-address-location = الموقع على الخريطة
web-account-address-map-hint = انقر على الخريطة لتضع الدبوس، ثم اسحبه إلى بابك.
web-account-address-map-label = خريطة موقع التوصيل
web-account-address-map-offline = لا تظهر خريطة الشوارع هنا: يتحرك الدبوس فوق شبكة. استخدم موقعك أو اكتب الإحداثيات.
web-account-address-pin = موقع التوصيل
web-account-address-locate = استخدم موقعي
web-account-address-locating = جارٍ تحديد موقعك…
web-account-address-located = وُضع الدبوس على موقعك.
web-account-address-locate-failed = تعذّرت قراءة موقعك. ضع الدبوس أو اكتب الإحداثيات.
web-account-address-lat = خط العرض
web-account-address-lng = خط الطول
web-account-address-set-default = اجعله عنواني الافتراضي
web-account-address-save = حفظ العنوان

## المفضّلة
web-account-favorites-title = المفضّلة
web-account-favorites-products = القطع
web-account-favorites-stores = المتاجر
web-account-favorite-saved = حُفظ في
web-account-favorite-remove = إزالة
web-account-favorite-remove-named = إزالة { $name } من المفضّلة
web-account-favorite-removed = أُزيل من مفضّلتك.
web-account-favorites-empty-title = لم تحفظ شيئًا بعد
web-account-favorites-empty-text = احفظ القطع والمتاجر التي تعجبك لتجدها هنا بسرعة.

## المحفظة
web-account-wallet-title = المحفظة
web-account-wallet-available = الرصيد المتاح
web-account-wallet-explain = ادفع برصيدك عند إتمام الطلب. تُضاف هنا المبالغ المستردة والاسترداد النقدي.
web-account-wallet-history = الحركات
web-account-wallet-count = { $count ->
    [zero] لا حركات
    [one] حركة واحدة
    [two] حركتان
    [few] { $count } حركات
    [many] { $count } حركةً
   *[other] { $count } حركة
}
web-account-wallet-empty-title = لا حركات بعد
web-account-wallet-empty-text = ستظهر هنا المبالغ المستردة والاسترداد النقدي والمدفوعات من محفظتك.
web-account-wallet-kind-wallet_credit = إضافة من قطع
web-account-wallet-kind-wallet_debit = خصم من قطع
web-account-wallet-kind-cashback = استرداد نقدي
web-account-wallet-kind-payment_captured = دفع طلب
web-account-wallet-kind-refund = مبلغ مسترد
web-account-wallet-kind-other = حركة في المحفظة
web-account-wallet-credit = أُضيف
web-account-wallet-debit = خُصم
web-account-wallet-after = الرصيد بعدها: { $amount }
web-account-wallet-order = عرض الطلب

## الإشعارات
web-account-notifications-title = الإشعارات
web-account-notification-unread = غير مقروء
web-account-notification-mark-read = تعليم كمقروء
web-account-notifications-mark-all = تعليم الكل كمقروء
web-account-notification-marked = عُلّم كمقروء.
web-account-notifications-marked-all = { $count ->
    [zero] كل الإشعارات مقروءة من قبل.
    [one] عُلّم إشعار واحد كمقروء.
    [two] عُلّم إشعاران كمقروءين.
    [few] عُلّمت { $count } إشعارات كمقروءة.
    [many] عُلّم { $count } إشعارًا كمقروء.
   *[other] عُلّم { $count } إشعار كمقروء.
}
web-account-notifications-empty-title = لا إشعارات
web-account-notifications-empty-text = ستظهر هنا تحديثات طلباتك ورسائل المتاجر.
web-account-notification-open-order = عرض الطلب

## التقييمات
web-account-review-ask = كيف كان طلبك؟
web-account-review-hint = قيّم المتجر والقطع لتساعد غيرك من السائقين على الاختيار.
web-account-review-action = قيّم هذا الطلب
web-account-review-title = قيّم طلبك
web-account-review-intro = امنح النجوم للمتجر أو للقطع أو لكليهما. كتابة التعليق اختيارية.
web-account-review-store = المتجر
web-account-review-products = القطع
web-account-review-stars-for = نجوم { $name }
web-account-review-star-count = { $count ->
    [zero] لا نجوم
    [one] نجمة واحدة
    [two] نجمتان
    [few] { $count } نجوم
    [many] { $count } نجمة
   *[other] { $count } نجمة
}
web-account-review-text = تعليقك (اختياري)
web-account-review-placeholder = ما الذي أعجبك، وما الذي يمكن تحسينه؟
web-account-review-submit = أرسل التقييم
web-account-review-sent = شكرًا لك! أُرسل تقييمك.
web-account-review-sent-title = أُرسل التقييم
web-account-review-sent-text = { $count ->
    [zero] قيّمت متجر هذا الطلب.
    [one] قيّمت هذا الطلب وقطعة واحدة.
    [two] قيّمت هذا الطلب وقطعتين.
    [few] قيّمت هذا الطلب و{ $count } قطع.
    [many] قيّمت هذا الطلب و{ $count } قطعة.
   *[other] قيّمت هذا الطلب و{ $count } قطعة.
}
web-account-review-stars-of = { $count ->
    [zero] لا نجوم من خمس
    [one] نجمة واحدة من خمس
    [two] نجمتان من خمس
    [few] { $count } نجوم من خمس
    [many] { $count } نجمة من خمس
   *[other] { $count } نجمة من خمس
}
web-account-review-already = قيّمت هذا الطلب من قبل.
web-account-review-not-delivered = يمكنك تقييم الطلب بعد تسليمه.
web-account-review-stars-needed-one = اختر النجوم لهذا التقييم.
web-account-review-back = العودة إلى الطلب

## حذف الحساب
web-account-delete-title = حذف الحساب
web-account-delete-what-title = ما الذي يحدث عند طلب الحذف
web-account-delete-step-grace = { $count ->
    [zero] يُغلق حسابك فورًا.
    [one] يبقى حسابك مفتوحًا يومًا واحدًا آخر، وهي مهلة التراجع.
    [two] يبقى حسابك مفتوحًا يومين آخرين، وهي مهلة التراجع.
    [few] يبقى حسابك مفتوحًا { $count } أيام أخرى، وهي مهلة التراجع.
    [many] يبقى حسابك مفتوحًا { $count } يومًا آخر، وهي مهلة التراجع.
   *[other] يبقى حسابك مفتوحًا { $count } يوم آخر، وهي مهلة التراجع.
}
web-account-delete-step-signin = غيّرت رأيك؟ أبقِ حسابك من هنا، أو سجّل الدخول مجددًا خلال المهلة.
web-account-delete-step-after = عند انتهاء المهلة يُحذف حسابك وبياناتك الشخصية نهائيًا.
web-account-delete-wallet-note = استخدم رصيد محفظتك، أو اسأل الدعم عنه، قبل انتهاء المهلة.
web-account-delete-request = احذف حسابي
web-account-delete-confirm = { $count ->
    [zero] هل تحذف حسابك؟
    [one] هل تحذف حسابك؟ سيُحذف نهائيًا بعد يوم واحد ما لم تتراجع.
    [two] هل تحذف حسابك؟ سيُحذف نهائيًا بعد يومين ما لم تتراجع.
    [few] هل تحذف حسابك؟ سيُحذف نهائيًا بعد { $count } أيام ما لم تتراجع.
    [many] هل تحذف حسابك؟ سيُحذف نهائيًا بعد { $count } يومًا ما لم تتراجع.
   *[other] هل تحذف حسابك؟ سيُحذف نهائيًا بعد { $count } يوم ما لم تتراجع.
}
web-account-delete-requested = سُجّل طلب الحذف. سيُحذف حسابك في { $date }.
web-account-delete-pending-title = حسابك مجدول للحذف
web-account-delete-pending-on = موعد الحذف
web-account-delete-requested-on = تاريخ الطلب
web-account-delete-pending-text = حتى ذلك الحين يمكنك استخدام التطبيق كالمعتاد. أبقِ حسابك لإلغاء الطلب.
web-account-delete-cancel = أبقِ حسابي
web-account-delete-cancelled = أُلغي طلب الحذف، وسيبقى حسابك مفتوحًا.

## تقييم حجز مكتمل أو عمل مندوب
web-rate-booking = كيف كانت زيارتك إلى { $store }؟
web-rate-job = كيف كان عمل { $rep }؟
web-rate-hidden = أخفى المشرف هذا التقييم، فلا يظهر للآخرين.

## شحن المحفظة بالبطاقة
web-wallet-topup-title = الشحن بالبطاقة
web-wallet-topup-amount = المبلغ (ر.س)
web-wallet-topup-hint = تدفع في صفحة البطاقة الآمنة، ويصل المبلغ إلى محفظتك فور تأكيد الدفع.
web-wallet-topup-submit = المتابعة إلى الدفع
