# محتوى الموقع: رسائل الواجهة البرمجية.
content-link-invalid = استخدم عنوانًا يبدأ بـ https:// أو مسارًا داخل التطبيق يبدأ بـ /.
content-ends-before-start = يجب أن تأتي النهاية بعد البداية.
content-image-invalid = اختر صورة مرفوعة متاحة للجميع.
content-contact-invalid = أدخل رقم جوال أو بريدًا إلكترونيًا.
content-too-many-links = أضف { $max } روابط على الأكثر.
