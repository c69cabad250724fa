#include "corridor_png_writer.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

// libpng's default user limits; an image past them is rejected before libpng sees it.
#define CORRIDOR_PNG_WIDTH_MAX 1000000u
#define CORRIDOR_PNG_HEIGHT_MAX 1000000u

// What the write callback tells the caller after a longjmp: why libpng stopped.
typedef struct corridor_png_sink {
    corridor_png_buffer *buffer;
    volatile int failure;
} corridor_png_sink;

static int corridor_png_reserve(corridor_png_buffer *buffer, size_t extra) {
    if (extra > CORRIDOR_PNG_BYTES_MAX - buffer->count) {
        return CORRIDOR_PNG_E_TOO_LARGE;
    }
    size_t needed = buffer->count + extra;
    if (needed <= buffer->capacity) {
        return CORRIDOR_PNG_OK;
    }
    size_t capacity = buffer->capacity > 0 ? buffer->capacity : 1024;
    while (capacity < needed) {
        capacity *= 2;
    }
    uint8_t *bytes = realloc(buffer->bytes, capacity);
    if (bytes == NULL) {
        return CORRIDOR_PNG_E_NOMEM;
    }
    buffer->bytes = bytes;
    buffer->capacity = capacity;
    return CORRIDOR_PNG_OK;
}

static void corridor_png_write_data(png_structp png, png_bytep data, size_t length) {
    corridor_png_sink *sink = png_get_io_ptr(png);
    int reserved = corridor_png_reserve(sink->buffer, length);
    if (reserved != CORRIDOR_PNG_OK) {
        sink->failure = reserved;
        png_error(png, "output buffer");
    }
    memcpy(sink->buffer->bytes + sink->buffer->count, data, length);
    sink->buffer->count += length;
}

// Memory needs no flush; without this callback libpng would fflush its io pointer as a FILE *.
static void corridor_png_flush(png_structp png) {
    (void)png;
}

// Errors go back through the setjmp in corridor_png_write_1bit without printing anything.
static void corridor_png_error(png_structp png, png_const_charp message) {
    (void)message;
    png_longjmp(png, 1);
}

static void corridor_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static int corridor_png_validate(const corridor_png_1bit_image *image) {
    if (image == NULL || image->rows == NULL) {
        return CORRIDOR_PNG_E_ARGUMENT;
    }
    if (image->width == 0 || image->width > CORRIDOR_PNG_WIDTH_MAX) {
        return CORRIDOR_PNG_E_ARGUMENT;
    }
    if (image->row_bytes < ((size_t)image->width + 7) / 8) {
        return CORRIDOR_PNG_E_ARGUMENT;
    }
    if (image->distinct_row_count == 0 || image->row_repeat == 0) {
        return CORRIDOR_PNG_E_ARGUMENT;
    }
    if ((uint64_t)image->distinct_row_count * image->row_repeat > CORRIDOR_PNG_HEIGHT_MAX) {
        return CORRIDOR_PNG_E_ARGUMENT;
    }
    if (image->compression_level < 0 || image->compression_level > 9) {
        return CORRIDOR_PNG_E_ARGUMENT;
    }
    return CORRIDOR_PNG_OK;
}

int corridor_png_write_1bit(const corridor_png_1bit_image *image, corridor_png_buffer *output) {
    if (output == NULL) {
        return CORRIDOR_PNG_E_ARGUMENT;
    }
    output->count = 0;
    int valid = corridor_png_validate(image);
    if (valid != CORRIDOR_PNG_OK) {
        return valid;
    }
    uint32_t height = image->distinct_row_count * image->row_repeat;

    // A first guess at the compressed size: QR rows repeat, so deflate shrinks them well over 8 times.
    size_t raw_bytes = (size_t)height * (((size_t)image->width + 7) / 8 + 1);
    int reserved = corridor_png_reserve(output, raw_bytes / 8 + 256);
    if (reserved != CORRIDOR_PNG_OK) {
        return reserved;
    }

    corridor_png_sink sink = {.buffer = output, .failure = CORRIDOR_PNG_OK};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, corridor_png_error, corridor_png_warning);
    if (png == NULL) {
        return CORRIDOR_PNG_E_NOMEM;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        return CORRIDOR_PNG_E_NOMEM;
    }
    // Nothing below modifies a local that is read after the longjmp, except through `sink` (volatile).
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        output->count = 0;
        return sink.failure != CORRIDOR_PNG_OK ? sink.failure : CORRIDOR_PNG_E_LIBPNG;
    }
    png_set_write_fn(png, &sink, corridor_png_write_data, corridor_png_flush);
    png_set_IHDR(png, info, image->width, height, 1,
                 image->palette_rgb != NULL ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (image->palette_rgb != NULL) {
        const uint8_t *rgb = image->palette_rgb;
        png_color palette[2] = {
            {.red = rgb[0], .green = rgb[1], .blue = rgb[2]},
            {.red = rgb[3], .green = rgb[4], .blue = rgb[5]},
        };
        png_set_PLTE(png, info, palette, 2);
    }
    // PNG recommends filter none below 8 bits per pixel (ISO/IEC 15948 §12.8), and it wins here: deflate finds a
    // repeated row one row back by itself; filter Up made a typical QR image 47% larger, and libpng's adaptive
    // choice would try every filter on every row.
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, image->compression_level);
    png_write_info(png, info);
    for (uint32_t row = 0; row < image->distinct_row_count; row++) {
        png_const_bytep bytes = image->rows + (size_t)row * image->row_bytes;
        for (uint32_t repeat = 0; repeat < image->row_repeat; repeat++) {
            png_write_row(png, bytes);
        }
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return CORRIDOR_PNG_OK;
}

void corridor_png_buffer_free(corridor_png_buffer *buffer) {
    if (buffer == NULL) {
        return;
    }
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->count = 0;
    buffer->capacity = 0;
}
