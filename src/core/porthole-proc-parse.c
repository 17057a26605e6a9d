#include "config.h"

#include "porthole-proc-parse.h"
