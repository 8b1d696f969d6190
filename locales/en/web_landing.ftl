# The landing site: the marketing home, privacy, terms and support pages.

## Header and shared
lp-meta-title = Car parts and car services in Saudi Arabia
lp-nav-label = Main
lp-nav-features = Features
lp-nav-how = How it works
lp-nav-audiences = For partners
lp-nav-support = Support
lp-nav-app = Open the app
lp-home = Home
lp-breadcrumbs = Breadcrumbs
lp-on-this-page = On this page
lp-other-pages = More from Qitaa
lp-back-to-top = Back to top

## Hero
lp-hero-eyebrow = Built for drivers in Saudi Arabia
lp-hero-title = Car parts and services,
lp-hero-title-accent = in one trusted marketplace.
lp-hero-lead = Order parts that fit your car, get offers from many stores at once, book a car wash by the slot, or call a repair representative to where you are. Pay by card, wallet or cash, with a VAT invoice every time.
lp-cta-app = Open the app
lp-cta-sell = Sell on Qitaa
lp-cta-rep = Join as a representative
lp-hero-check-fit = Parts matched to your car
lp-hero-check-pay = Card, wallet or cash
lp-hero-check-vat = VAT invoice on every order

## Hero visual (a drawn preview of the app)
lp-mock-label = A preview of the Qitaa app
lp-mock-search = Front brake pads
lp-mock-car = Toyota Camry · 2021
lp-mock-results = Fits your car
lp-mock-item1 = Front brake pads, ceramic
lp-mock-item1-store = Al Jazirah Auto Parts · Riyadh
lp-mock-item2 = Oil filter, genuine
lp-mock-item2-store = Al Waha Spare Parts · Jeddah
lp-mock-new = New
lp-mock-add = Add
lp-mock-order = Order
lp-mock-shipped = Shipped
lp-mock-step-accepted = Accepted
lp-mock-step-shipped = On the way
lp-mock-step-delivered = Delivered
lp-mock-offers =
    { $count ->
        [one] One offer on your request
       *[other] { $count } offers on your request
    }
lp-mock-best = Best offer
lp-mock-rep = Your representative
lp-mock-eta =
    { $count ->
        [one] Arrives in 1 min
       *[other] Arrives in { $count } min
    }
lp-mock-invoice = VAT invoice ready
lp-mock-invoice-sub = ZATCA QR included

## Facts strip
lp-facts-label = Qitaa in numbers
lp-fact-markets = marketplaces in one app
lp-fact-pay = ways to pay: card, wallet, cash
lp-fact-langs = languages, Arabic and English
lp-fact-vat = VAT shown on every invoice

## Features
lp-features-eyebrow = What you can do
lp-features-title = Five marketplaces. One account.
lp-features-lead = Everything your car needs, from a single part to a repair at the roadside, in one app and one wallet.
lp-f-orders = Order parts directly
lp-f-orders-text = Search by make, model and year, compare stores and check out one cart. Each store prepares its own order and you follow every step to your door.
lp-f-orders-tag = Delivery or pickup
lp-f-rfq = Ask many stores at once
lp-f-rfq-text = Describe the part with photos and notes. Matching stores send offers with price, condition, warranty and delivery time; chat with them, then accept the best one.
lp-f-rfq-tag = Compare offers
lp-f-bookings = Book services by the slot
lp-f-bookings-text = Car wash, oil change and workshop services with real availability. Pick a free time and it is yours: no double bookings, no phone calls.
lp-f-bookings-tag = Real availability
lp-f-repair = Repair that comes to you
lp-f-repair-text = Ask for a representative at your location. Nearby representatives send offers; accept one and watch them arrive on a live map.
lp-f-repair-tag = Live tracking
lp-f-catalog = An extended parts catalog
lp-f-catalog-text = Reach parts from partner merchants beyond your city, ordered, paid and tracked through the same app.
lp-f-catalog-tag = More choice
lp-f-saudi = Made for Saudi Arabia
lp-f-saudi-text = One wallet and one invoice standard for all five marketplaces.
lp-f-saudi-li1 = Card, Qitaa wallet or cash on delivery
lp-f-saudi-li2 = Arabic and English, end to end
lp-f-saudi-li3 = Saudi e-invoicing with the ZATCA QR code
lp-f-saudi-li4 = Prices in riyals, VAT included

## How it works
lp-how-eyebrow = How it works
lp-how-title = From search to your door in three steps
lp-how-lead = No phone calls around the city, no guessing whether a part fits.
lp-step = Step
lp-how-1 = Add your car
lp-how-1-text = Choose the make, model and year once. Everything you see from then on fits your car.
lp-how-2 = Compare and choose
lp-how-2-text = Prices from several stores, offers on your request, free service slots or nearby representatives, side by side.
lp-how-3 = Pay and track
lp-how-3-text = Pay by card, wallet or cash. Follow your order or your representative live and keep the VAT invoice in your account.

## For whom
lp-aud-eyebrow = Who it is for
lp-aud-title = Built for everyone who keeps cars moving
lp-aud-lead = Drivers, the stores that serve them and the representatives who reach them: each has their own app on the same platform.
lp-aud-customers = For drivers
lp-aud-customers-text = Find the right part, compare offers and book services without leaving the app.
lp-aud-customers-li1 = Parts that fit your car
lp-aud-customers-li2 = Quotes from many stores
lp-aud-customers-li3 = Car wash and services by the slot
lp-aud-customers-li4 = Repair at your location
lp-aud-suppliers = For stores and suppliers
lp-aud-suppliers-text = Open your branches, list your parts, answer requests and take bookings from one dashboard.
lp-aud-suppliers-li1 = Several branches under one company
lp-aud-suppliers-li2 = Team members with their own permissions
lp-aud-suppliers-li3 = Requests for quotes from nearby drivers
lp-aud-suppliers-li4 = Payouts and statements from one ledger
lp-aud-reps = For representatives
lp-aud-reps-text = Take on-demand repair jobs near you and choose the ones that fit your day.
lp-aud-reps-li1 = Jobs near your location
lp-aud-reps-li2 = You set your own price
lp-aud-reps-li3 = Navigation and chat with the customer
lp-aud-reps-li4 = Paid through the platform

## Trust
lp-trust-eyebrow = Why Qitaa
lp-trust-title = Trust, built in
lp-trust-vat = VAT invoices on every order
lp-trust-vat-text = Simplified tax invoices with the ZATCA QR code, with VAT at { $vat } shown on every line.
lp-trust-pay = Secure payments
lp-trust-pay-text = Cards are paid on the gateway's secure page, so Qitaa never sees your card number. Every riyal is recorded in a double-entry ledger.
lp-trust-verified = Verified stores
lp-trust-verified-text = Every company is checked, commercial registration and VAT number, before it can sell on Qitaa.
lp-trust-support = Support in your language
lp-trust-support-text = Chat with our team in Arabic or English from the app, or call and write to us.

## Final call to action
lp-final-title = Your car's next part is a tap away.
lp-final-text = Open the app in your browser, no download needed. Stores can start selling as soon as their company is approved.

## Footer
lp-foot-about = The marketplace for car parts and car services in Saudi Arabia, in Arabic and English.
lp-foot-product = Product
lp-foot-app = Customer app
lp-foot-partner = Partner dashboard
lp-foot-features = Features
lp-foot-how = How it works
lp-foot-company = Legal and help
lp-foot-privacy = Privacy policy
lp-foot-terms = Terms of use
lp-foot-support = Support
lp-foot-city = Riyadh, Saudi Arabia
lp-mark-invoice = E-invoicing
lp-mark-data = PDPL
lp-mark-langs = العربية · English
lp-foot-contact = Contact
lp-foot-copyright = © 2026 Qitaa. All rights reserved.
lp-foot-vat = Prices include { $vat } VAT.

## Content pages: shared
lp-updated-label = Last updated

## Privacy policy
lp-privacy-eyebrow = Legal
lp-privacy-title = Privacy policy
lp-privacy-lead = What we collect, why we collect it, how long we keep it and the rights you have under the Saudi Personal Data Protection Law (PDPL).
lp-privacy-updated = 1 January 2026
lp-privacy-scope = Who we are and what this covers
lp-privacy-scope-p1 = Qitaa runs a marketplace for car parts and car services in the Kingdom of Saudi Arabia. This policy covers the Qitaa website, the customer, store and representative apps, and the partner dashboard.
lp-privacy-scope-p2 = Qitaa is the controller of the personal data described here. Stores and representatives you deal with receive only what they need to serve you and must protect it too.
lp-privacy-data = What data we collect
lp-privacy-data-p1 = We collect only what we need to run the service:
lp-privacy-data-li1 = Account data: your name, mobile number, e-mail address and preferred language.
lp-privacy-data-li2 = Your cars: make, model and year, so that we show parts that fit.
lp-privacy-data-li3 = Orders, requests, bookings and repair jobs, with delivery addresses and their map coordinates.
lp-privacy-data-li4 = Payments: amounts, methods and references. Card numbers are entered on the payment gateway's page and never reach us.
lp-privacy-data-li5 = Your location, only while you use a repair job or ask for stores near you.
lp-privacy-data-li6 = Chats with stores, representatives and support, with their attachments.
lp-privacy-data-li7 = For suppliers: company name, commercial registration and VAT numbers, and bank details for payouts.
lp-privacy-use = Why we use it
lp-privacy-use-p1 = We process your data on the basis of our contract with you, our legal obligations and, where we ask for it, your consent:
lp-privacy-use-li1 = To create your account and sign you in with a one-time code.
lp-privacy-use-li2 = To pass your orders, requests and bookings to the stores and representatives you choose.
lp-privacy-use-li3 = To take payments, issue refunds and produce tax invoices as Saudi law requires.
lp-privacy-use-li4 = To keep the platform safe: preventing fraud and abuse of accounts.
lp-privacy-use-li5 = To send you order updates, and offers only if you agree to receive them.
lp-privacy-use-li6 = To improve the service using statistics that do not identify you.
lp-privacy-sharing = Who we share it with
lp-privacy-sharing-p1 = We do not sell your personal data. We share it only with:
lp-privacy-sharing-li1 = The store or representative serving your order: your name, mobile number and delivery address.
lp-privacy-sharing-li2 = Our payment gateway, to process card payments.
lp-privacy-sharing-li3 = Our shipping partner, to deliver your parts.
lp-privacy-sharing-li4 = Providers of text messages, e-mail and notifications, to reach you.
lp-privacy-sharing-li5 = Competent authorities, when Saudi law requires it.
lp-privacy-retention = How long we keep it
lp-privacy-retention-p1 = We keep your account data while your account is open.
lp-privacy-retention-p2 = When you ask to delete your account, it is closed at once and deleted after a 30-day grace period, during which you can change your mind.
lp-privacy-retention-p3 = Invoices and accounting records are kept for the period Saudi tax law requires, even after an account is deleted.
lp-privacy-rights = Your rights under the PDPL
lp-privacy-rights-p1 = Under the Personal Data Protection Law you have the right:
lp-privacy-rights-li1 = To be informed how and why your data is processed.
lp-privacy-rights-li2 = To access your data and obtain a copy of it.
lp-privacy-rights-li3 = To ask us to correct data that is wrong or incomplete.
lp-privacy-rights-li4 = To ask us to destroy data we no longer need.
lp-privacy-rights-li5 = To withdraw your consent at any time, where processing is based on it.
lp-privacy-rights-li6 = To complain to the Saudi Data and Artificial Intelligence Authority (SDAIA).
lp-privacy-security = How we protect it
lp-privacy-security-p1 = Connections are encrypted, staff reach data only as far as their role allows, and every sensitive action is written to an audit log.
lp-privacy-security-p2 = If a breach affects your data, we will inform you and the authority as the law requires.
lp-privacy-cookies = Cookies
lp-privacy-cookies-p1 = We use only the cookies the service needs: your language and your signed-in session.
lp-privacy-cookies-p2 = We do not use advertising cookies or third-party trackers.
lp-privacy-changes = Changes to this policy
lp-privacy-changes-p1 = When we change this policy we update the date at the top of the page, and we tell you in the app when the change matters.
lp-privacy-contact = Contact us about privacy
lp-privacy-contact-p1 = To use your rights or ask a question, write to support@qitaa.sa with the subject "Privacy", or open a support chat in the app.
lp-privacy-contact-p2 = We answer requests within 30 days.

## Terms of use
lp-terms-eyebrow = Legal
lp-terms-title = Terms of use
lp-terms-lead = The rules for using Qitaa as a customer, a store or a representative. Please read them before you order or sell.
lp-terms-updated = 1 January 2026
lp-terms-about = About Qitaa
lp-terms-about-p1 = Qitaa is a marketplace that connects customers with independent stores and representatives in Saudi Arabia. By creating an account or placing an order you accept these terms.
lp-terms-about-p2 = The stores sell their own parts and services; Qitaa runs the platform, takes payments and issues invoices on their behalf.
lp-terms-accounts = Accounts
lp-terms-accounts-p1 = You sign in with your mobile number and a one-time code.
lp-terms-accounts-li1 = The details you give must be true and kept up to date.
lp-terms-accounts-li2 = Your account is personal; you are responsible for what is done with it.
lp-terms-accounts-li3 = We may suspend an account that breaks these terms or puts others at risk.
lp-terms-accounts-li4 = You can ask to delete your account at any time; it is deleted after a 30-day grace period.
lp-terms-orders = Orders, requests and bookings
lp-terms-orders-p1 = What you order is a contract between you and the store or representative:
lp-terms-orders-li1 = A cart with parts from several stores becomes one order per store.
lp-terms-orders-li2 = A store may accept or decline an order; a declined order is refunded in full.
lp-terms-orders-li3 = An offer on your request is binding once you accept and pay it; the other offers close.
lp-terms-orders-li4 = A booked service slot is held for you; cancel early if you cannot come.
lp-terms-orders-li5 = A repair job starts when you accept a representative's offer, at the price offered.
lp-terms-payments = Prices and payments
lp-terms-payments-p1 = Prices are in Saudi riyals and include { $vat } VAT.
lp-terms-payments-li1 = You can pay by card, from your Qitaa wallet, or in cash on delivery where offered.
lp-terms-payments-li2 = Card payments are taken on the payment gateway's secure page.
lp-terms-payments-li3 = Coupons and cashback follow the conditions shown with them.
lp-terms-payments-li4 = A tax invoice is issued for every paid order and is available in your account.
lp-terms-payments-li5 = An unpaid card order is cancelled when its payment window ends.
lp-terms-returns = Cancellations, returns and refunds
lp-terms-returns-p1 = Your rights under the Saudi e-commerce law always apply. In addition:
lp-terms-returns-li1 = You can cancel an order at no cost until the store accepts it.
lp-terms-returns-li2 = A part that is faulty, damaged or does not match its listing can be returned to the store.
lp-terms-returns-li3 = Refunds go back to the card used or to your Qitaa wallet, as you choose.
lp-terms-returns-li4 = Parts that have been fitted or used are returned only if they are faulty.
lp-terms-sellers = Stores and representatives
lp-terms-sellers-p1 = Those who sell on Qitaa agree in addition:
lp-terms-sellers-li1 = To be registered in Saudi Arabia with a valid commercial registration and VAT number.
lp-terms-sellers-li2 = To describe parts honestly, including their condition, fitment and warranty.
lp-terms-sellers-li3 = To honour accepted orders, offers and bookings.
lp-terms-sellers-li4 = To pay the platform commission agreed when each order was placed.
lp-terms-conduct = Acceptable use
lp-terms-conduct-p1 = You may not:
lp-terms-conduct-li1 = Sell counterfeit, stolen or unsafe parts.
lp-terms-conduct-li2 = Harass stores, representatives, customers or our staff.
lp-terms-conduct-li3 = Take conversations or payments outside the platform to avoid its protections.
lp-terms-conduct-li4 = Interfere with the service or reach data that is not yours.
lp-terms-liability = Liability
lp-terms-liability-p1 = Stores are responsible for the parts and services they sell, including their warranty. Representatives are responsible for the work they do.
lp-terms-liability-p2 = Parts should be fitted by a qualified person. Qitaa is not liable for losses caused by wrong fitting or by use against the maker's instructions.
lp-terms-liability-p3 = Nothing in these terms limits liability that the law does not allow to be limited.
lp-terms-law = Governing law
lp-terms-law-p1 = These terms are governed by the laws of the Kingdom of Saudi Arabia.
lp-terms-law-p2 = Disputes that we cannot settle together go to the competent courts in Riyadh.
lp-terms-contact = Contact
lp-terms-contact-p1 = Questions about these terms: support@qitaa.sa.

## Support
lp-support-eyebrow = Help centre
lp-support-title = How can we help?
lp-support-lead = Our team answers in Arabic and English. Reach us the way that suits you, or find your answer below.
lp-support-contact = Contact us
lp-support-email = E-mail
lp-support-email-text = We reply within one working day.
lp-support-phone = Phone
lp-support-phone-text = Every day, 9 am to 10 pm, Riyadh time.
lp-support-chat = Chat in the app
lp-support-chat-text = Signed in, open Support in the app menu; your order details come with your message.
lp-support-chat-cta = Open a chat
lp-support-faq = Frequently asked questions
lp-support-join = Sell or work with Qitaa
lp-support-join-lead = Stores and representatives join through a short registration and an approval.
lp-support-sell = Open your store
lp-support-sell-text = Register with your mobile number, add your company with its commercial registration and VAT number, and open your branches once it is approved.
lp-support-rep = Become a representative
lp-support-rep-text = Write to us with your city, your trade and your vehicle. We will call you within two working days to complete your registration.
lp-support-rep-cta = E-mail us to join
lp-support-rep-subject = Joining as a representative
lp-faq-1-q = How do I find a part that fits my car?
lp-faq-1-a = Add your car's make, model and year in the app. Search and categories then show only the parts listed as fitting it, and every part shows its OEM numbers so you can check.
lp-faq-2-q = Which payment methods can I use?
lp-faq-2-a = Card payments (mada, Visa and Mastercard) on the gateway's secure page, your Qitaa wallet, and cash on delivery where the store offers it.
lp-faq-3-q = Can I cancel or return an order?
lp-faq-3-a = You can cancel for free until the store accepts the order. After that, a faulty part or one that does not match its listing can be returned, and the refund goes to your card or your wallet.
lp-faq-4-q = How does a request for quotes work?
lp-faq-4-a = Describe the part with photos and notes. Stores that sell for your car send offers with price, condition, warranty and delivery time. Chat with them, accept the offer you like and pay for it; the other offers close.
lp-faq-5-q = How do I follow a representative on the way?
lp-faq-5-a = Once you accept a representative's offer, their position appears on a live map in the app until they arrive, and you can chat with them at any time.
lp-faq-6-q = Where do I find my VAT invoice?
lp-faq-6-a = Every paid order has a simplified tax invoice with the ZATCA QR code. Open the order in the app and choose Invoice to view or print it.
web-maintenance-title = We'll be back shortly
web-coming-soon-title = Coming soon
web-coming-soon-text = Qitaa is getting ready: car parts and car services in one place. We open soon.
