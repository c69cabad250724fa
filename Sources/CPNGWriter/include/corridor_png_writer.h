#ifndef CORRIDOR_PNG_WRITER_H
#define CORRIDOR_PNG_WRITER_H

// Writes a 1-bit PNG (grayscale, or a 2-entry palette) with libpng's classic API. libpng reports errors by
// longjmp; the setjmp that catches them lives inside corridor_png_write_1bit, so no longjmp ever crosses a
// caller's frame (Swift's in particular). Every failure comes back as a CORRIDOR_PNG_* code.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Success.
#define CORRIDOR_PNG_OK 0
/// An argument is out of range (zero width, a row too short for the width, a level outside 0...9, ...).
#define CORRIDOR_PNG_E_ARGUMENT (-1)
/// malloc/realloc failed.
#define CORRIDOR_PNG_E_NOMEM (-2)
/// libpng reported an error (it longjmp'd back into corridor_png_write_1bit).
#define CORRIDOR_PNG_E_LIBPNG (-3)
/// The image would be larger than CORRIDOR_PNG_BYTES_MAX.
#define CORRIDOR_PNG_E_TOO_LARGE (-4)

/// The largest PNG, in bytes, that corridor_png_write_1bit produces: a limit on its output buffer.
#define CORRIDOR_PNG_BYTES_MAX ((size_t)1 << 30)

/// A 1-bit image whose rows come in runs of identical rows (a QR module row scaled up is one such run).
///
/// Rows are packed most significant bit first, as PNG stores them; for grayscale a 1 bit is white and a 0
/// bit black; with a palette a bit is the palette index.
typedef struct corridor_png_1bit_image {
    /// `distinct_row_count` rows, each `row_bytes` long, one after another.
    const uint8_t *rows;
    /// Bytes per row: at least (width + 7) / 8.
    size_t row_bytes;
    /// Width in pixels, 1 ... 1,000,000.
    uint32_t width;
    /// Rows in `rows`, at least 1.
    uint32_t distinct_row_count;
    /// How many times each distinct row is written: the image is distinct_row_count * row_repeat high.
    uint32_t row_repeat;
    /// zlib level 0 (stored) ... 9 (smallest).
    int compression_level;
    /// NULL for grayscale (colour type 0); otherwise 6 bytes, RGB of index 0 then RGB of index 1 (colour type 3).
    const uint8_t *palette_rgb;
} corridor_png_1bit_image;

/// A growable byte buffer that corridor_png_write_1bit fills. Start it zeroed; free it with
/// corridor_png_buffer_free whatever the result.
typedef struct corridor_png_buffer {
    /// malloc'd bytes, or NULL.
    uint8_t *bytes;
    /// Bytes written.
    size_t count;
    /// Bytes allocated.
    size_t capacity;
} corridor_png_buffer;

/// Encodes `image` as a PNG (filter none, the given zlib level, default strategy) into `output`.
///
/// Returns CORRIDOR_PNG_OK or a negative CORRIDOR_PNG_E_* code. On failure `output->count` is 0.
int corridor_png_write_1bit(const corridor_png_1bit_image *image, corridor_png_buffer *output);

/// Frees the bytes of `buffer` and zeroes it. Safe on a zeroed buffer.
void corridor_png_buffer_free(corridor_png_buffer *buffer);

#ifdef __cplusplus
}
#endif

#endif
