external-cr-number = رقم السجل التجاري ١٠ أرقام.
external-vat-number = الرقم الضريبي ١٥ رقمًا يبدأ وينتهي بالرقم 3.
external-city = لكل مدينة اسم لا يتجاوز ١٠٠ حرف.
external-upload-broken = توقف الرفع قبل نهاية الملف ({ $reason }). أرسله مرة أخرى.
external-import-malformed = تعذّرت قراءة الملف فلم يُستورد شيء: { $reason }. تأكد أن السطر الأول هو ترويسة القالب وأن لكل صف أعمدته الـ١١.
external-row-required = { $field } مطلوب.
external-row-too-long = { $field } أطول من المسموح.
external-row-repeated = رمز المنتج (SKU) هذا مذكور في صف سابق من الملف.
external-row-price = السعر بالريال أكبر من صفر وبخانتين عشريتين على الأكثر، مثل 125.50.
external-row-stock = المخزون عدد صحيح من صفر فأكثر.
external-row-oem = أرقام القطع الأصلية تُفصل بالرمز |، كل منها من ٣ إلى ٤٠ حرفًا أو رقمًا أو مسافة أو نقطة أو شرطة؛ ٢٠ على الأكثر.
external-row-unknown = { $field } غير موجود في الدليل (استخدم معرّفه اللاتيني، مثل hyundai وsonata وlights).
external-row-needs-make = { $field } يحتاج الماركة أيضًا.
external-row-year = السنة ٤ أرقام من 1950 إلى 2100.
external-row-year-order = السنة الأخيرة قبل السنة الأولى.
external-row-invalid = { $field } غير صالح.
external-part-unavailable = هذه القطعة لم تعد متوفرة.
external-not-delivered-there = هذا المورّد لا يوصل إلى تلك المدينة.
external-not-paid = الطلب لم يُدفع بعد.
external-mail-subject = طلب جديد { $number } من قطع
external-mail-body = مرحبًا { $merchant }،

    نرجو تجهيز الطلب { $number }:
    { $quantity } × { $part } (رمز المنتج { $sku })، للتوصيل في { $city }.

    يرجى الرد على هذه الرسالة عند الشحن.
    فريق قطع
