// ItemResult now lives in krm/item.h, with the other item helpers.
#pragma once

#include "krm/item.h"
