#include "config.h"

#include "porthole-monitor.h"
