#include "config.h"

#include "porthole-docker-parse.h"
