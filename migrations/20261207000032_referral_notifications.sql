-- What both sides of a referral are told when its reward lands in their
-- wallets (the referee's first order delivered). Admins edit these like
-- every other template.
INSERT INTO notification_templates (event, channel, locale, title, body) VALUES
    ('referral.rewarded', 'push',   'ar', 'وصلتك مكافأة دعوة', 'وصل أول طلب لصديقك، فأضفنا {amount} ر.س إلى محفظتك. شكرًا لدعوتك.'),
    ('referral.rewarded', 'push',   'en', 'Your invitation paid off', 'Your friend''s first order arrived: SAR {amount} is in your wallet. Thank you for inviting them.'),
    ('referral.rewarded', 'in_app', 'ar', 'وصلتك مكافأة دعوة', 'وصل أول طلب لصديقك، فأضفنا {amount} ر.س إلى محفظتك. شكرًا لدعوتك.'),
    ('referral.rewarded', 'in_app', 'en', 'Your invitation paid off', 'Your friend''s first order arrived: SAR {amount} is in your wallet. Thank you for inviting them.'),
    ('referral.welcome',  'push',   'ar', 'مكافأة ترحيب في محفظتك', 'وصل طلبك الأول، فأضفنا {amount} ر.س إلى محفظتك هدية من صديقك.'),
    ('referral.welcome',  'push',   'en', 'A welcome reward in your wallet', 'Your first order arrived: SAR {amount} is in your wallet, thanks to the friend who invited you.'),
    ('referral.welcome',  'in_app', 'ar', 'مكافأة ترحيب في محفظتك', 'وصل طلبك الأول، فأضفنا {amount} ر.س إلى محفظتك هدية من صديقك.'),
    ('referral.welcome',  'in_app', 'en', 'A welcome reward in your wallet', 'Your first order arrived: SAR {amount} is in your wallet, thanks to the friend who invited you.');
