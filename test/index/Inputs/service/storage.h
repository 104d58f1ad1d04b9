#pragma once
#include <string>
std::string storage_lookup(int id);
