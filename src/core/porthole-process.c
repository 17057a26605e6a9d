#include "config.h"

#include "porthole-process.h"
