// RGBA to 8-bit luminance, the grey picture every ZXing binarizer works on.

/** Luminance per pixel with the integer BT.601 weights zxing-cpp uses, so both engines see the same grey. */
export function toLuminance(image: {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}): Uint8ClampedArray {
  const { data } = image;
  const out = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    out[i] = (306 * data[p]! + 601 * data[p + 1]! + 117 * data[p + 2]! + 512) >> 10;
  }
  return out;
}
