## الملفات المرفوعة
media-multipart-invalid = أرسل الملف بصيغة multipart/form-data مع جزء "file" وجزء "purpose".
media-part-repeated = أرسل هذا الجزء مرة واحدة فقط.
media-file-empty = الملف فارغ.
media-image-too-large = عدد بكسلات الصورة كبير جدًا؛ الحد الأقصى { $megapixels } ميغابكسل.
media-image-too-deep = الصورة أكبر من أن تُعالَج بعمق ألوانها؛ أرسلها ببكسلات أقل، أو بعمق 8 بت لكل قناة بدل 16.
media-image-unreadable = تعذّرت قراءة الصورة؛ قد تكون تالفة أو غير مكتملة.
