products-too-many = الحد الأقصى { $max ->
    [zero] لا عناصر
    [one] عنصر واحد
    [two] عنصران
    [few] { $max } عناصر
    [many] { $max } عنصرًا
   *[other] { $max } عنصر
}.
products-oem-invalid = أدخل رقم قطعة من حروف وأرقام (يمكن استخدام الشرطات والمسافات)، بحد أقصى 40 حرفًا.
products-year-order = يجب ألا تكون سنة النهاية قبل سنة البداية.
products-unknown-reference = العنصر غير موجود.
products-unknown-vehicle = هذه الشركة المصنعة أو الطراز غير موجود، أو الطراز لا يتبع هذه الشركة.
products-unknown-image = ارفع الصور أولًا (كصور منتجات)؛ كل صورة مرة واحدة.
products-illegal-transition = لا يمكن نقل المنتج إلى هذه الحالة من حالته الحالية.
products-price-order = يجب ألا يقل السعر الأعلى عن السعر الأدنى.
products-distance-needs-origin = الترتيب حسب المسافة يتطلب lat و lng.
