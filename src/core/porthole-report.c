#include "config.h"

#include "porthole-report.h"
