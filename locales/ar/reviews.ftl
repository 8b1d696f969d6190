## تقييمات الطلبات المستلمة والحجوزات المكتملة وأعمال المندوبين
reviews-order-not-delivered = يمكنك تقييم الطلب بعد توصيله.
reviews-already-reviewed = سبق أن أرسلت هذا التقييم.
reviews-product-not-in-order = هذا المنتج ليس من منتجات الطلب.
reviews-duplicate-product = هذا المنتج مُقيَّم مرتين في الطلب نفسه.
reviews-nothing-to-review = قيّم المتجر أو منتجًا واحدًا على الأقل، أو كليهما.
reviews-too-many = يمكنك تقييم { $max ->
    [zero] صفر منتجات
    [one] منتج واحد
    [two] منتجين
    [few] { $max } منتجات
    [many] { $max } منتجًا
   *[other] { $max } منتج
} كحد أقصى في المرة الواحدة.
reviews-booking-not-completed = يمكنك تقييم الحجز بعد إتمامه.
reviews-job-not-completed = يمكنك تقييم المندوب بعد إتمام العمل.
