#include "corridor_png_writer.h"
