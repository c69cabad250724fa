#include "corridor_png_baseline.h"
