// clock_gettime and CLOCK_MONOTONIC are POSIX, not ISO C.
#define _POSIX_C_SOURCE 200809L

#include "corridor_png_baseline.h"

#include <png.h>
#include <qrencode.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct baseline_buffer {
    uint8_t *bytes;
    size_t count;
    size_t capacity;
} baseline_buffer;

static void baseline_write(png_structp png, png_bytep data, size_t length) {
    baseline_buffer *buffer = png_get_io_ptr(png);
    if (buffer->count + length > buffer->capacity) {
        size_t capacity = buffer->capacity > 0 ? buffer->capacity : 4096;
        while (capacity < buffer->count + length) {
            capacity *= 2;
        }
        uint8_t *bytes = realloc(buffer->bytes, capacity);
        if (bytes == NULL) {
            png_error(png, "out of memory");
        }
        buffer->bytes = bytes;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->count, data, length);
    buffer->count += length;
}

static void baseline_flush(png_structp png) {
    (void)png;
}

static void baseline_error(png_structp png, png_const_charp message) {
    (void)message;
    png_longjmp(png, 1);
}

static void baseline_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

// Writes one QR code as a 1-bit grayscale PNG into `buffer` (count reset to 0). `row` holds row_bytes bytes.
static int baseline_png(const QRcode *code, int scale, uint8_t *row, size_t row_bytes, baseline_buffer *buffer) {
    const int quiet = CORRIDOR_PNG_BASELINE_QUIET_ZONE;
    const int side = code->width + 2 * quiet;
    const uint32_t pixels = (uint32_t)(side * scale);
    buffer->count = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, baseline_error, baseline_warning);
    if (png == NULL) {
        return CORRIDOR_PNG_BASELINE_E_PNG;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        return CORRIDOR_PNG_BASELINE_E_PNG;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return CORRIDOR_PNG_BASELINE_E_PNG;
    }
    png_set_write_fn(png, buffer, baseline_write, baseline_flush);
    png_set_IHDR(png, info, pixels, pixels, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, CORRIDOR_PNG_BASELINE_COMPRESSION_LEVEL);
    png_write_info(png, info);
    for (int y = 0; y < side; y++) {
        // Build the module row once, scaled, 1 = white; then write it `scale` times.
        memset(row, 0xFF, row_bytes);
        int my = y - quiet;
        if (my >= 0 && my < code->width) {
            const unsigned char *modules = code->data + (size_t)my * code->width;
            for (int mx = 0; mx < code->width; mx++) {
                if (modules[mx] & 1) {
                    uint32_t first = (uint32_t)((mx + quiet) * scale);
                    for (uint32_t bit = first; bit < first + (uint32_t)scale; bit++) {
                        row[bit >> 3] &= (uint8_t)~(0x80u >> (bit & 7));
                    }
                }
            }
        }
        for (int k = 0; k < scale; k++) {
            png_write_row(png, row);
        }
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

// One payload → PNG. `row`/`row_bytes` grow as needed and are reused by the caller's loop.
static int baseline_once(const char *payload, int ec, int scale, uint8_t **row, size_t *row_bytes,
                         baseline_buffer *buffer) {
    QRcode *code = QRcode_encodeString(payload, 0, (QRecLevel)ec, QR_MODE_8, 1);
    if (code == NULL) {
        return CORRIDOR_PNG_BASELINE_E_ENCODE;
    }
    size_t needed = ((size_t)(code->width + 2 * CORRIDOR_PNG_BASELINE_QUIET_ZONE) * (size_t)scale + 7) / 8;
    if (needed > *row_bytes) {
        uint8_t *grown = realloc(*row, needed);
        if (grown == NULL) {
            QRcode_free(code);
            return CORRIDOR_PNG_BASELINE_E_PNG;
        }
        *row = grown;
        *row_bytes = needed;
    }
    int result = baseline_png(code, scale, *row, needed, buffer);
    QRcode_free(code);
    return result;
}

static int baseline_valid(const char *payload, int ec, int scale) {
    return payload != NULL && payload[0] != '\0' && ec >= 0 && ec <= 3 && scale >= 1 && scale <= 64;
}

int64_t corridor_png_baseline_run(const char *payload, int ec, int scale, int iterations) {
    if (!baseline_valid(payload, ec, scale) || iterations < 1 || iterations > CORRIDOR_PNG_BASELINE_ITERATIONS_MAX) {
        return CORRIDOR_PNG_BASELINE_E_ARGUMENT;
    }
    baseline_buffer buffer = {0};
    uint8_t *row = NULL;
    size_t row_bytes = 0;
    int64_t result = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < iterations; i++) {
        int status = baseline_once(payload, ec, scale, &row, &row_bytes, &buffer);
        if (status != 0) {
            result = status;
            break;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    free(row);
    free(buffer.bytes);
    if (result < 0) {
        return result;
    }
    return (int64_t)(end.tv_sec - start.tv_sec) * 1000000000 + (end.tv_nsec - start.tv_nsec);
}

int64_t corridor_png_baseline_render(const char *payload, int ec, int scale, uint8_t *out, size_t capacity) {
    if (!baseline_valid(payload, ec, scale)) {
        return CORRIDOR_PNG_BASELINE_E_ARGUMENT;
    }
    baseline_buffer buffer = {0};
    uint8_t *row = NULL;
    size_t row_bytes = 0;
    int status = baseline_once(payload, ec, scale, &row, &row_bytes, &buffer);
    free(row);
    int64_t result = status != 0 ? status : (int64_t)buffer.count;
    if (status == 0 && out != NULL && buffer.count <= capacity) {
        memcpy(out, buffer.bytes, buffer.count);
    }
    free(buffer.bytes);
    return result;
}
