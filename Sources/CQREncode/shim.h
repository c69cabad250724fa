#ifndef CORRIDOR_CQRENCODE_SHIM_H
#define CORRIDOR_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
