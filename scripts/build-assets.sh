#!/usr/bin/env bash
# Builds the browser assets into target/site, where the server serves them from:
#   pkg/portal-<hash>.js, pkg/portal-<hash>_bg.wasm  the hydration bundle (wasm-bindgen, wasm-opt)
#   pkg/portal-<hash>.css                           the stylesheet
#   static/                                         the files of public/, under their own names
#   manifest.txt                                    which hashed names this build has
# Names carry a hash of the content, so browsers may cache them for a year. Each file also
# gets a .br copy (brotli, quality 11, by Node's zlib) and a .gz copy (gzip -9), served as they
# are to browsers that accept them.
# Needs: the wasm32 target, wasm-bindgen-cli at Cargo.lock's version, end2end/node_modules
# (for binaryen's wasm-opt). scripts/setup.sh installs them.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SITE=target/site
STAGE=target/site-stage

cargo build --lib --target wasm32-unknown-unknown --profile wasm-release --features hydrate

rm -rf "$STAGE" && mkdir -p "$STAGE"
wasm-bindgen --target web --no-typescript --out-dir "$STAGE" --out-name portal \
  target/wasm32-unknown-unknown/wasm-release/portal.wasm
# The features Rust's wasm32 target emits by default; wasm-opt must be told it may keep them.
"$ROOT/end2end/node_modules/.bin/wasm-opt" -Oz \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$STAGE/portal_bg.wasm" -o "$STAGE/portal_bg.wasm"

bundle_hash=$(cat "$STAGE/portal.js" "$STAGE/portal_bg.wasm" | sha256sum | cut -c1-16)
style_hash=$(cat style/*.css | sha256sum | cut -c1-16)

rm -rf "$SITE" && mkdir -p "$SITE/pkg" "$SITE/static"
mv "$STAGE/portal.js" "$SITE/pkg/portal-$bundle_hash.js"
mv "$STAGE/portal_bg.wasm" "$SITE/pkg/portal-${bundle_hash}_bg.wasm"
[ -d "$STAGE/snippets" ] && mv "$STAGE/snippets" "$SITE/pkg/snippets"
cat style/*.css > "$SITE/pkg/portal-$style_hash.css"
cp -R public/. "$SITE/static/"
find "$SITE/pkg" "$SITE/static" -type f ! -name '*.gz' -exec gzip -9 -k -f {} +
find "$SITE/pkg" "$SITE/static" -type f ! -name '*.gz' -print0 | xargs -0 node -e '
  const zlib = require("node:zlib"), fs = require("node:fs");
  for (const file of process.argv.slice(1)) {
    const bytes = fs.readFileSync(file);
    const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
    fs.writeFileSync(file + ".br", zlib.brotliCompressSync(bytes, { params }));
  }'
printf 'bundle=portal-%s\nstylesheet=portal-%s.css\n' "$bundle_hash" "$style_hash" > "$SITE/manifest.txt"
rm -rf "$STAGE"

wasm=$SITE/pkg/portal-${bundle_hash}_bg.wasm
echo "assets: $(stat -c %s "$wasm") bytes of WebAssembly ($(stat -c %s "$wasm.gz") gzip, $(stat -c %s "$wasm.br") brotli), manifest $SITE/manifest.txt"
