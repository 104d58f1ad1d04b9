#include "inventory.h"

#include <map>
#include <mutex>

namespace {
std::mutex cache_mutex;
std::map<std::string, int> cache;
} // namespace

std::string stock_reply(const std::string& sku)
{
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = cache.find(sku);
    if (it != cache.end())
      return sku + " " + std::to_string(it->second) + " (cached)\n";
  }
  // Not under the lock: the supplier may take a while.
  int stock = fetch_stock(sku, supplier_port, 1);
  std::lock_guard<std::mutex> lock(cache_mutex);
  cache[sku] = stock;
  return sku + " " + std::to_string(stock) + "\n";
}
