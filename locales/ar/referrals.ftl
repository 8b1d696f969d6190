## الدعوات: الرموز واستخدامها والمكافآت
referrals-disabled = الدعوات متوقفة حاليًا. حاول لاحقًا.
referrals-already-referred = سبق أن استخدمت رمز دعوة.
referrals-code-unknown = لم نعثر على رمز الدعوة هذا. تحقق منه وحاول مجددًا.
referrals-self = لا يمكنك استخدام رمز الدعوة الخاص بك.
referrals-circular = لا يمكنك استخدام رمز صديق دعوته أنت.
referrals-too-late = يمكن استخدام رمز الدعوة قبل توصيل طلبك الأول فقط.
referrals-phone-rewarded = حصل رقم الجوال هذا على مكافأة دعوة من قبل.
referrals-device-rewarded = حصل هذا الجهاز على مكافأة دعوة من قبل.
