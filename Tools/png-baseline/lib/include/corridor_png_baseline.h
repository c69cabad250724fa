#ifndef CORRIDOR_PNG_BASELINE_H
#define CORRIDOR_PNG_BASELINE_H

// The C baseline for `png_per_s`: a plain C loop over libqrencode and libpng doing the work that
// CorridorQRImage does for `QRMatrix(encoding:errorCorrection:)` + `pngData(scale:)`: the same encoder call
// (QRcode_encodeString, QR_MODE_8 hint, case-sensitive, version chosen by the library), quiet zone, 1-bit
// grayscale, filter none, zlib level, written to memory. It does not use CPNGWriter: it is the independent
// reference that the Swift path is measured against.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The quiet zone in modules, as CorridorQRImage's default.
#define CORRIDOR_PNG_BASELINE_QUIET_ZONE 4
/// The zlib level, as QRMatrix.pngCompressionLevelDefault. Change both together.
#define CORRIDOR_PNG_BASELINE_COMPRESSION_LEVEL 5
/// The most iterations one run does.
#define CORRIDOR_PNG_BASELINE_ITERATIONS_MAX 100000000

/// An argument is out of range (NULL or empty payload, ec outside 0...3, scale outside 1...64, iterations < 1).
#define CORRIDOR_PNG_BASELINE_E_ARGUMENT (-1)
/// libqrencode failed (errno tells why; ERANGE: the payload does not fit).
#define CORRIDOR_PNG_BASELINE_E_ENCODE (-2)
/// libpng failed, or memory ran out.
#define CORRIDOR_PNG_BASELINE_E_PNG (-3)

/// Encodes `payload` and writes it as a PNG to memory `iterations` times.
///
/// `ec` is 0 L, 1 M, 2 Q, 3 H; `scale` is pixels per module. Returns the elapsed monotonic time in
/// nanoseconds, or a negative CORRIDOR_PNG_BASELINE_E_* code.
int64_t corridor_png_baseline_run(const char *payload, int ec, int scale, int iterations);

/// Encodes `payload` once and copies the PNG into `out` when it fits in `capacity` bytes.
///
/// Returns the PNG's size in bytes (which may exceed `capacity`: then nothing was copied), or a negative
/// CORRIDOR_PNG_BASELINE_E_* code. Lets a caller check that the baseline writes what the Swift path writes.
int64_t corridor_png_baseline_render(const char *payload, int ec, int scale, uint8_t *out, size_t capacity);

#ifdef __cplusplus
}
#endif

#endif
