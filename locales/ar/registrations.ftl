# طلبات تسجيل الموردين والمندوبين (الواجهة البرمجية والرسائل).
registrations-honeypot = اترك هذا الحقل فارغًا.
registrations-not-this-step = هذا الحقل من خطوة أخرى.
registrations-step-kind = هذه الخطوة ليست من هذا النوع من التسجيل.
registrations-plate = أدخل رقم اللوحة بأرقامها.
registrations-national-id = أدخل رقم هوية وطنية أو إقامة من 10 أرقام يبدأ بـ 1 أو 2.
registrations-document-required = ارفع هذا المستند.
registrations-incomplete = ما زالت بعض البيانات أو المستندات ناقصة.
registrations-locked = لا يمكن تعديل هذا التسجيل الآن.
registrations-confirm-expired = انتهت صلاحية رابط التأكيد هذا. أرسل تسجيلك مرة أخرى لتحصل على رابط جديد.
registrations-confirm-used = استُخدم رابط التأكيد هذا من قبل أو حلّ محله رابط أحدث.
registrations-resume-expired = انتهت صلاحية هذا الرابط. تواصل مع الدعم لإعادة فتح تسجيلك.
registrations-resume-used = لم يعد هذا الرابط يفتح تسجيلك: فقد أُرسل مرة أخرى أو بُتّ فيه.
registrations-not-in-queue = لا يُعتمد أو يُرفض إلا تسجيل مؤكَّد ينتظر المراجعة.
registrations-phone-taken = رقم الجوال هذا مرتبط بحساب آخر.
registrations-profile-exists = لهذا المندوب ملف من قبل.
registrations-kind-supplier = مورد
registrations-kind-representative = مندوب

registrations-mail-confirm-subject = أكّد بريدك الإلكتروني لتسجيلك في قطع
registrations-mail-confirm-body =
    مرحبًا { $name }،

    شكرًا لتسجيلك في قطع بصفة { $kind }. أكّد بريدك الإلكتروني ليراجع فريقنا طلبك:

    { $link }

    يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد { $hours } ساعة.
registrations-mail-confirm-cta = تأكيد بريدي الإلكتروني
registrations-mail-rejected-subject = تسجيلك في قطع يحتاج إلى تعديل
registrations-mail-rejected-body =
    مرحبًا { $name }،

    لم نتمكن من اعتماد تسجيلك بعد. السبب:

    { $reason }

    افتح تسجيلك وصحّحه ثم أرسله مرة أخرى:

    { $link }
registrations-mail-rejected-cta = فتح تسجيلي
registrations-sms-rejected-body = قطع: تسجيلك يحتاج إلى تعديل: { $reason } افتحه: { $link }
registrations-mail-approved-subject = تم اعتماد حسابك في قطع
registrations-mail-approved-body =
    مرحبًا { $name }،

    تم اعتماد تسجيلك. سجّل الدخول برقم جوالك:

    { $link }
registrations-mail-approved-cta = تسجيل الدخول
