#!/bin/sh
# Renders every *.svg in this folder to a 640x480 PNG of the same base name
# with headless Chromium, then shrinks it with pngquant (palette) and optipng.
# Needs: chromium, pngquant, optipng (Debian: apt-get install chromium pngquant optipng).
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for svg in "$dir"/*.svg; do
    name=$(basename "$svg" .svg)
    cat > "$tmp/$name.html" <<EOF
<!doctype html><html><head><style>html,body{margin:0;padding:0;overflow:hidden;background:#fff}img{display:block;width:640px;height:480px}</style></head>
<body><img src="file://$svg"></body></html>
EOF
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --allow-file-access-from-files --force-device-scale-factor=1 \
        --window-size=640,480 --screenshot="$tmp/$name.png" \
        "file://$tmp/$name.html" >/dev/null 2>&1
    pngquant --force --quality=70-95 --speed 1 --strip --output "$dir/$name.png" 64 "$tmp/$name.png" \
        || pngquant --force --speed 1 --strip --output "$dir/$name.png" 64 "$tmp/$name.png"
    optipng -quiet -o5 "$dir/$name.png"
    echo "$name.png $(wc -c < "$dir/$name.png") bytes"
done
