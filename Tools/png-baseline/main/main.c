// png-c-baseline [--payload P] [--ec L|M|Q|H] [--scale 8] [--iterations N] [--out FILE.png]
//
// Runs the C baseline (Tools/png-baseline/lib) and prints one JSON line:
// {"suite":"qr","metric":"png_c_baseline_per_s","value":...,"unit":"1/s","iterations":N,"png_bytes":B}
// With --out it also writes one PNG, so the image can be checked with zbarimg.

#include "corridor_png_baseline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// A typical EMV merchant-presented payload (UnionPay tag 15, CNY, CRC valid), 157 characters. The same text
// is the default in Tools/corridor-bench/PNGBench.swift.
static const char *const default_payload =
    "00020101021215326210000000000000000000000123456752045812530315654062"
    "50.005802CN5918CORRIDOR TEA HOUSE6007BEIJING62330517ORDER-2025-0001230708TERM000163048225";

static int usage(void) {
    fprintf(stderr, "usage: png-c-baseline [--payload P] [--ec L|M|Q|H] [--scale 1-64] [--iterations N] "
                    "[--out FILE.png]\n");
    return 2;
}

static int parse_ec(const char *text) {
    if (strlen(text) != 1) {
        return -1;
    }
    switch (text[0]) {
    case 'L': case 'l': case '0': return 0;
    case 'M': case 'm': case '1': return 1;
    case 'Q': case 'q': case '2': return 2;
    case 'H': case 'h': case '3': return 3;
    default: return -1;
    }
}

static int parse_int(const char *text, long min, long max, int *value) {
    char *end = NULL;
    long parsed = strtol(text, &end, 10);
    if (end == text || *end != '\0' || parsed < min || parsed > max) {
        return -1;
    }
    *value = (int)parsed;
    return 0;
}

// Prints `text` as a JSON string body (quotes and backslashes escaped, control characters as \u00XX).
static void print_json_string(const char *text) {
    for (const unsigned char *c = (const unsigned char *)text; *c != '\0'; c++) {
        if (*c == '"' || *c == '\\') {
            printf("\\%c", *c);
        } else if (*c < 0x20) {
            printf("\\u%04x", *c);
        } else {
            putchar(*c);
        }
    }
}

int main(int argc, char **argv) {
    const char *payload = default_payload;
    const char *out = NULL;
    int ec = 1, scale = 8, iterations = 2000;
    for (int i = 1; i < argc; i++) {
        const char *flag = argv[i];
        if (strcmp(flag, "--help") == 0 || strcmp(flag, "-h") == 0) {
            usage();
            return 0;
        }
        if (i + 1 >= argc) {
            return usage();
        }
        const char *value = argv[++i];
        if (strcmp(flag, "--payload") == 0) {
            payload = value;
        } else if (strcmp(flag, "--ec") == 0) {
            if ((ec = parse_ec(value)) < 0) return usage();
        } else if (strcmp(flag, "--scale") == 0) {
            if (parse_int(value, 1, 64, &scale) != 0) return usage();
        } else if (strcmp(flag, "--iterations") == 0) {
            if (parse_int(value, 1, CORRIDOR_PNG_BASELINE_ITERATIONS_MAX, &iterations) != 0) return usage();
        } else if (strcmp(flag, "--out") == 0) {
            out = value;
        } else {
            return usage();
        }
    }

    int64_t png_bytes = corridor_png_baseline_render(payload, ec, scale, NULL, 0);
    if (png_bytes < 0) {
        fprintf(stderr, "png-c-baseline: encoding failed (code %lld)\n", (long long)png_bytes);
        return 1;
    }
    if (out != NULL) {
        uint8_t *bytes = malloc((size_t)png_bytes);
        FILE *file = bytes != NULL ? fopen(out, "wb") : NULL;
        int written = file != NULL && corridor_png_baseline_render(payload, ec, scale, bytes, (size_t)png_bytes) ==
                                          png_bytes && fwrite(bytes, 1, (size_t)png_bytes, file) == (size_t)png_bytes;
        if (file != NULL && fclose(file) != 0) written = 0;
        free(bytes);
        if (!written) {
            fprintf(stderr, "png-c-baseline: cannot write %s\n", out);
            return 1;
        }
    }
    int64_t elapsed = corridor_png_baseline_run(payload, ec, scale, iterations);
    if (elapsed < 0) {
        fprintf(stderr, "png-c-baseline: run failed (code %lld)\n", (long long)elapsed);
        return 1;
    }
    double per_second = elapsed > 0 ? iterations / (elapsed / 1e9) : 0;
    printf("{\"suite\":\"qr\",\"metric\":\"png_c_baseline_per_s\",\"value\":%.1f,\"unit\":\"1/s\","
           "\"iterations\":%d,\"png_bytes\":%lld,\"ec\":\"%c\",\"scale\":%d,\"payload\":\"",
           per_second, iterations, (long long)png_bytes, "LMQH"[ec], scale);
    print_json_string(payload);
    printf("\"}\n");
    return 0;
}
