#include "config.h"

#include "porthole-format.h"
