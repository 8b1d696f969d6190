## Uploaded files
media-multipart-invalid = Send the upload as multipart/form-data with a "file" part and a "purpose" part.
media-part-repeated = Send this part only once.
media-file-empty = The file is empty.
media-image-too-large = The image has too many pixels; the limit is { $megapixels } megapixels.
media-image-too-deep = The image is too large to process at its colour depth; send it with fewer pixels, or with 8 bits per channel instead of 16.
media-image-unreadable = The image could not be read; it may be damaged or incomplete.
