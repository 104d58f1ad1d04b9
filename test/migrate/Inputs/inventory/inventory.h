// A stock service: each connection is served on a thread of its own
// (server.cpp); stock levels are cached under a mutex (stock.cpp) and
// fetched from a supplier over TCP, retried with a back-off (supplier.cpp).
#pragma once

#include <asio.hpp>
#include <string>

// stock.cpp
std::string stock_reply(const std::string& sku);

// supplier.cpp
int fetch_stock(const std::string& sku, unsigned short port, int attempt);

extern unsigned short supplier_port;
