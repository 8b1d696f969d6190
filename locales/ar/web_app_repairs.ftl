## تطبيق العميل: المساعدة على الطريق (تشليح) — طلب مندوب لإصلاح السيارة في موقعها، ومقارنة العروض، ومتابعة المندوب على الخريطة.

rp-title = المساعدة على الطريق
rp-hint = بطارية، إطار، سحب، وأكثر: مندوب يصلك أينما كنت
rp-lead = تعطّلت سيارتك؟ اطلب المساعدة، وقارن عروض المندوبين القريبين منك، وتابع وصول من تختاره على الخريطة.
rp-new = اطلب مساعدة
rp-new-lead = اختر المشكلة وحدّد موقعك على الخريطة، وسيرسل لك المندوبون القريبون عروضهم خلال دقائق.
rp-none-title = لا طلبات مساعدة بعد
rp-none-text = عند أي عطل على الطريق، اطلب المساعدة وسيصلك أقرب مندوب.

rp-problem = ما المشكلة؟
rp-problem-battery = البطارية
rp-problem-tyre = الإطار
rp-problem-towing = سحب السيارة
rp-problem-mechanic = عطل ميكانيكي
rp-problem-electrical = عطل كهربائي
rp-problem-fuel = نفاد الوقود
rp-problem-lockout = المفاتيح داخل السيارة
rp-problem-other = مشكلة أخرى
rp-problem-hint-battery = اشتراك أو تبديل البطارية
rp-problem-hint-tyre = تبديل الإطار أو إصلاحه
rp-problem-hint-towing = نقل السيارة على سطحة
rp-problem-hint-mechanic = فحص وإصلاح في الموقع
rp-problem-hint-electrical = الأضواء والأسلاك والمشغّل
rp-problem-hint-fuel = توصيل الوقود إلى موقعك
rp-problem-hint-lockout = فتح السيارة دون ضرر
rp-problem-hint-other = صِفها لنا في الأسفل

rp-description = صِف المشكلة (اختياري)
rp-description-hint = مثال: السيارة لا تعمل وأضواء العدّاد تومض
rp-car = السيارة
rp-car-garage = من مرآبي
rp-car-other = سيارة أخرى
rp-car-label = نوع السيارة (اختياري)
rp-car-label-other = نوع السيارة الأخرى
rp-car-label-hint = مثال: تويوتا كامري 2018
rp-car-add = أضف سيارتك إلى المرآب لتختارها بسرعة في المرة القادمة
rp-where = أين أنت؟
rp-pin-hint = المس الخريطة لتضع الدبوس حيث تقف السيارة، أو استخدم موقعك الحالي.
rp-pin = موقع السيارة على الخريطة
rp-pin-required = ضع الدبوس على الخريطة أو استخدم موقعك.
rp-locate = استخدم موقعي
rp-address = وصف المكان (اختياري)
rp-address-hint = مثال: طريق الملك فهد، قرب محطة الوقود
rp-when = متى؟
rp-when-now = الآن
rp-when-later = في وقت لاحق
rp-wanted-at = الموعد
rp-wanted-at-hint = بتوقيت الرياض، خلال الأيام السبعة القادمة.
rp-submit = اطلب المساعدة
rp-sent = أُرسل طلبك إلى المندوبين القريبين منك.

rp-request-status-open = بانتظار العروض
rp-request-status-accepted = تم قبول عرض
rp-request-status-cancelled = ملغى
rp-request-status-expired = منتهٍ

rp-offer-status-active = قائم
rp-offer-status-accepted = مقبول
rp-offer-status-lost = لم يُختر
rp-offer-status-withdrawn = مسحوب

rp-job-status-accepted = تم القبول
rp-job-status-on_the_way = في الطريق إليك
rp-job-status-arrived = وصل المندوب
rp-job-status-working = جارٍ العمل
rp-job-status-completed = اكتمل العمل
rp-job-status-paid = مدفوع
rp-job-status-cancelled = ملغى
rp-job-status-disputed = قيد الاعتراض

rp-follow-job = تابع المندوب
rp-follow-job-hint = موقعه على الخريطة، ووقت الوصول، والمحادثة
rp-open-until = يستقبل العروض حتى
rp-offers = العروض
rp-waiting-title = نسأل المندوبين القريبين منك…
rp-waiting-text = تظهر العروض هنا فور وصولها، فلا حاجة إلى تحديث الصفحة.
rp-waiting-more = ما زلنا نستقبل العروض، وستظهر الجديدة هنا فور وصولها.
rp-no-offers-title = لم تصل عروض
rp-no-offers-text = أُغلق هذا الطلب دون عروض. يمكنك طلب المساعدة من جديد.
rp-best-price = أفضل سعر
rp-incl-vat = شامل الضريبة
rp-price = السعر قبل الضريبة
rp-eta-offer = { $count ->
    [zero] يصل فورًا
    [one] يصل خلال دقيقة تقريبًا
    [two] يصل خلال دقيقتين تقريبًا
    [few] يصل خلال { $count } دقائق تقريبًا
    [many] يصل خلال { $count } دقيقة تقريبًا
   *[other] يصل خلال { $count } دقيقة تقريبًا
}
rp-accept = اقبل العرض
rp-accepted = تم قبول العرض. تابع المندوب من هنا.
rp-cancel = ألغِ الطلب
rp-cancel-confirm = هل تريد إلغاء طلب المساعدة؟ لن تصلك عروض أخرى.
rp-request-cancelled = أُلغي الطلب.
rp-rep-unnamed = المندوب

rp-eta = { $count ->
    [zero] المندوب على وشك الوصول
    [one] يصل المندوب خلال دقيقة تقريبًا
    [two] يصل المندوب خلال دقيقتين تقريبًا
    [few] يصل المندوب خلال { $count } دقائق تقريبًا
    [many] يصل المندوب خلال { $count } دقيقة تقريبًا
   *[other] يصل المندوب خلال { $count } دقيقة تقريبًا
}
rp-map-label = خريطة تُظهر موقعك وموقع المندوب
rp-pin-you = موقعك
rp-no-position = سيظهر المندوب على الخريطة عندما يبدأ التحرك.
rp-your-rep = مندوبك
rp-chat = راسل المندوب
rp-chat-intro = تحدّث مع المندوب عن موقعك أو حالة السيارة.
rp-amounts = التكلفة
rp-total = الإجمالي شامل الضريبة
rp-payment-method = طريقة الدفع
rp-method-wallet = المحفظة
rp-method-card = البطاقة (مدى، فيزا، ماستركارد)
rp-method-cash = نقدًا للمندوب
rp-paid-at = دُفع في
rp-pay-title = ادفع مقابل الخدمة
rp-pay-hint = اكتمل العمل. اختر طريقة الدفع.
rp-cash-waiting = اخترت الدفع نقدًا. سلّم المبلغ للمندوب، وسيؤكد استلامه.
rp-pay-amount = ادفع { $amount }
rp-paid = تم الدفع، شكرًا لك.
rp-pay-cash-chosen = سلّم المبلغ نقدًا للمندوب، وسيؤكد استلامه.
rp-cancel-job = ألغِ الخدمة
rp-cancel-job-ask = لماذا تريد إلغاء الخدمة؟
rp-job-cancelled = أُلغيت الخدمة.
rp-dispute = أبلِغ عن مشكلة
rp-dispute-ask = ما المشكلة في الخدمة؟ سيتواصل معك فريق الدعم.
rp-job-disputed = وصلنا بلاغك، وسيتواصل معك فريق الدعم.
rp-reason = السبب
rp-history = سجل الخدمة
rp-history-from = بعد: { $status }
rp-see-request = عرض الطلب وعروضه
rp-actor-customer = أنت
rp-actor-rep = المندوب
rp-actor-admin = فريق الدعم
rp-actor-system = تلقائيًا

rp-rep-new = مندوب جديد، بلا تقييمات بعد
rp-photos = صور (اختياري)
rp-photos-hint = حتى خمس صور للمشكلة، مثل الإطار المثقوب أو ضوء التحذير. بصيغة JPEG أو PNG أو WebP.
rp-photo = صورة المشكلة
