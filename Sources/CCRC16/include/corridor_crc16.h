#ifndef CORRIDOR_CRC16_H
#define CORRIDOR_CRC16_H

#include <stddef.h>
#include <stdint.h>

/// CRC-16/CCITT-FALSE (polynomial 0x1021, no reflection, no final XOR) of `count` bytes continuing from `initial`,
/// by carry-less multiplication; -1 when that is not available here (not x86-64, no PCLMULQDQ, or fewer than 32
/// bytes), and the caller then uses its table.
int32_t corridor_crc16_ccitt_fold(const uint8_t *bytes, size_t count, uint16_t initial);

#endif
