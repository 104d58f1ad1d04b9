// Stands for a third-party header, included from an -isystem directory.
#pragma once
inline int vendor_interval() { return 50; }
