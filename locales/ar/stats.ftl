validation-date = اكتب التاريخ بالصيغة YYYY-MM-DD، مثل 2026-12-01.
validation-date-order = تاريخ النهاية يأتي في تاريخ البداية أو بعده.
