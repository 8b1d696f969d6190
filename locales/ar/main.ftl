## أخطاء الواجهة البرمجية
error-bad-request = تعذّر فهم الطلب.
error-malformed-json = محتوى الطلب ليس JSON صالحًا.
error-content-type-json = أرسل المحتوى بصيغة JSON مع الترويسة Content-Type: application/json.
error-unauthenticated = سجّل الدخول للمتابعة.
error-token-invalid = جلستك غير صالحة. سجّل الدخول مجددًا.
error-token-expired = انتهت صلاحية جلستك. سجّل الدخول مجددًا.
error-refresh-invalid = رمز التحديث هذا غير صالح. سجّل الدخول مجددًا.
error-refresh-reused = سبق استخدام رمز التحديث هذا؛ حفاظًا على أمانك تم تسجيل الخروج من كل الجلسات المرتبطة به.
error-account-suspended = هذا الحساب موقوف. تواصل مع الدعم.
error-forbidden = ليست لديك صلاحية للقيام بذلك.
error-not-found = غير موجود.
error-method-not-allowed = هذه الطريقة غير مسموحة هنا.
error-timeout = استغرق الطلب وقتًا أطول من اللازم.
error-payload-too-large = حجم الطلب كبير جدًا.
error-unsupported-media-type = نوع الملف هذا غير مسموح.
error-validation = بعض الحقول غير صالحة.
error-rate-limited = محاولات كثيرة. حاول مجددًا بعد { $seconds ->
    [zero] لحظات
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $seconds } ثوانٍ
    [many] { $seconds } ثانية
   *[other] { $seconds } ثانية
}.
error-rate-limited-plain = محاولات كثيرة. حاول مجددًا لاحقًا.
error-unavailable = الخدمة غير متاحة مؤقتًا.
error-internal = حدث خطأ من جهتنا. اذكر رقم الطلب عند تواصلك مع الدعم.
error-conflict = هذا يتعارض مع الحالة الحالية.

## قواعد الحقول
validation-required = هذا الحقل مطلوب.
validation-unknown-field = هذا الحقل غير مسموح.
validation-nul = تحتوي هذه القيمة على محرف NUL، وهو غير مسموح.
validation-type = نوع هذه القيمة غير صحيح.
validation-one-of = استخدم إحدى القيم: { $allowed }.
validation-too-long = لا يزيد عن { $max ->
    [zero] صفر حرف
    [one] حرف واحد
    [two] حرفين
    [few] { $max } أحرف
    [many] { $max } حرفًا
   *[other] { $max } حرف
}.
validation-min = يجب ألا يقل عن { $min }.
validation-range = يجب أن يكون بين { $min } و{ $max }.
validation-email = أدخل بريدًا إلكترونيًا صحيحًا.
validation-phone = أدخل رقم جوال صحيحًا، مثل 05XXXXXXXX أو ‎+9665XXXXXXXX.
validation-otp-format = الرمز مكوّن من 6 أرقام.
validation-role-signup = يمكنك التسجيل كعميل أو مورّد أو مندوب.
validation-uuid = هذا المعرّف غير صالح.
validation-permission-unknown = صلاحية غير معروفة: { $permission }.

## الهوية
otp-invalid = الرمز غير صحيح أو منتهي الصلاحية.
otp-attempts-left = الرمز غير صحيح. { $left ->
    [zero] لم تبقَ محاولات.
    [one] بقيت محاولة واحدة.
    [two] بقيت محاولتان.
    [few] بقيت { $left } محاولات.
    [many] بقيت { $left } محاولة.
   *[other] بقيت { $left } محاولة.
}
otp-burned = محاولات خاطئة كثيرة. اطلب رمزًا جديدًا.
otp-sms = رمز قطع الخاص بك هو { $code }. صالح لمدة { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
}. لا تشاركه مع أحد.
user-deletion-not-due = لم تنتهِ بعد مهلة طلب الحذف هذا.
user-no-deletion-request = لا يوجد طلب حذف قائم.
user-already-in-state = المستخدم في هذه الحالة بالفعل.
admin-cannot-suspend-self = لا يمكنك إيقاف حسابك.
admin-not-admin = هذا المستخدم ليس مشرفًا.
admin-phone-taken = هذا الرقم لمستخدم ليس مشرفًا.

## الويب
web-title = قطع
web-tagline = قطع غيار السيارات وخدماتها في مكان واحد.
web-switch-language = English
web-admin-title = لوحة الإدارة
web-admin-signin = تسجيل الدخول
web-admin-phone = رقم الجوال
web-admin-send-code = أرسل الرمز
web-admin-code = الرمز
web-admin-verify = دخول
web-admin-code-sent = أرسلنا رمزًا إلى { $phone }.
web-admin-not-admin = لا يملك هذا الحساب صلاحية الدخول إلى لوحة الإدارة.
web-admin-signout = تسجيل الخروج
web-admin-users = المستخدمون
web-admin-search = ابحث بالاسم أو الجوال أو البريد
web-admin-role = الدور
web-admin-status = الحالة
web-admin-all = الكل
web-admin-actions = الإجراءات
web-admin-suspend = إيقاف
web-admin-reactivate = إعادة تفعيل
web-admin-name = الاسم
web-admin-phone-col = الجوال
web-admin-joined = تاريخ الانضمام
web-admin-filter = تصفية
web-admin-previous = السابق
web-admin-next = التالي
web-admin-page = الصفحة { $page } من { $pages }
web-admin-no-users = لا يوجد مستخدمون مطابقون.
web-csrf-failed = انتهت صلاحية النموذج. أعد تحميل الصفحة وحاول مجددًا.
web-landing-customers = للعملاء
web-landing-customers-text = اطلب القطع من متاجر موثوقة، واحجز غسيل سيارتك، واطلب عروض أسعار من المتاجر، أو استدعِ مندوب إصلاح إلى موقعك.
web-landing-suppliers = للموردين
web-landing-suppliers-text = افتح متاجرك، واعرض قطعك، وأجب على الطلبات، واستلم مستحقاتك عبر دفتر حسابات واحد.
web-landing-reps = للمندوبين
web-landing-reps-text = استلم طلبات الإصلاح الفوري القريبة منك.

## الأدوار والحالات
role-CUSTOMER = عميل
role-SUPPLIER = مورّد
role-REPRESENTATIVE = مندوب
role-ADMIN = مشرف
role-SUPER_ADMIN = مشرف عام
status-active = نشط
status-pending_approval = بانتظار الموافقة
status-suspended = موقوف
status-deleted = محذوف

# Every amount shown to people (kernel::money::format).
money-sar = { $amount } ر.س

## شحن المحفظة بالبطاقة
wallet-topup-over-max = يمكن أن يضيف الشحن الواحد { $max } ر.س كحد أقصى.
wallet-topup-over-daily = يمكن أن تضيف عمليات الشحن { $max } ر.س كحد أقصى خلال 24 ساعة.
error-maintenance = منصة قطع تحت الصيانة الآن. حاول مرة أخرى بعد قليل.
error-app-update-required = هذا الإصدار من التطبيق لم يعد مدعومًا. حدّث التطبيق إلى الإصدار { $minimum } أو أحدث.
error-feature-disabled = هذه الخدمة غير متاحة حاليًا.
settings-resend-within-ttl = يجب أن تكون مدة انتظار إعادة الإرسال أقصر من صلاحية الرمز.
settings-version-format = اكتب الإصدار بصيغة مثل 2.4 أو 2.4.1.
danger-phrase-mismatch = اكتب العبارة كما هي تمامًا: { $phrase }
danger-step-up-required = اطلب رمز تأكيد جديدًا أولًا؛ فالرمز السابق انتهت صلاحيته أو استُخدم.
danger-step-up-sms = قطع: الرمز { $code } لتأكيد مسح جميع بيانات الأعمال. إن لم تطلبه فأمّن حسابك فورًا.
