#include "config.h"

#include "porthole-container.h"
