#include "config.h"

#include "porthole-proc-scanner.h"
