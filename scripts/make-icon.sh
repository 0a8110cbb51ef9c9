#!/usr/bin/env bash
# Draws build/icon.png (512x512): three objects in a reference cycle on a rounded square, the lab's subject.
set -euo pipefail
cd "$(dirname "$0")/.."
convert -size 512x512 xc:none \
  -fill '#1f2a3a' -draw 'roundrectangle 16,16 496,496 96,96' \
  -stroke '#8fb3ff' -strokewidth 18 -fill none \
  -draw 'line 256,150 150,340' -draw 'line 150,340 362,340' -draw 'line 362,340 256,150' \
  -stroke none -fill '#8fb3ff' \
  -draw 'polygon 190,262 222,242 186,228' \
  -draw 'polygon 256,340 228,322 228,358' \
  -draw 'polygon 300,229 332,248 300,266' \
  -stroke '#ffffff' -strokewidth 10 \
  -fill '#4f8cff' -draw 'circle 256,150 256,96' \
  -fill '#f2b43c' -draw 'circle 150,340 150,286' \
  -fill '#4fc38a' -draw 'circle 362,340 362,286' \
  -depth 8 build/icon.png
echo "wrote build/icon.png"
