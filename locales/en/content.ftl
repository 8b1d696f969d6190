# Site content: API messages.
content-link-invalid = Use an https:// address or an in-app path starting with /.
content-ends-before-start = The end must come after the start.
content-image-invalid = Choose an uploaded image that anyone may see.
content-contact-invalid = Enter a phone number or an e-mail address.
content-too-many-links = Add at most { $max } links.
