#include "config.h"

#include "porthole-docker-client.h"
