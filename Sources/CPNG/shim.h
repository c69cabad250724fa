#ifndef CORRIDOR_CPNG_SHIM_H
#define CORRIDOR_CPNG_SHIM_H
#include <png.h>
#endif
